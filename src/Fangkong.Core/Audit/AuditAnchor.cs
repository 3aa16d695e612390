using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fangkong.Core.Audit;

// A checkpoint of the chain's head kept outside the database: the newest sequence number and its hash,
// signed with the chain key. A database-only attacker who deletes the newest rows, or rewrites the
// chain from some row on, cannot make the head match the newest anchor again.
public sealed record AuditAnchor(long Sequence, string Hash)
{
    private const string Prefix = "fk-audit-anchor-v1";

    public string ToLine(ReadOnlySpan<byte> key) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix} {Sequence} {Hash} {Mac(key, Sequence, Hash)}");

    // Null when the line is not an anchor line at all; Valid false when it is one whose MAC does not match
    // (written with another key, or forged).
    public static (AuditAnchor? Anchor, bool Valid) Parse(string line, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Trim().Split(' ');
        if (parts.Length != 4 || parts[0] != Prefix
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return (null, false);
        var anchor = new AuditAnchor(sequence, parts[2]);
        var expected = Convert.FromHexString(Mac(key, sequence, parts[2]));
        byte[] actual;
        try { actual = Convert.FromHexString(parts[3]); }
        catch (FormatException) { return (anchor, false); }
        return (anchor, CryptographicOperations.FixedTimeEquals(expected, actual));
    }

    private static string Mac(ReadOnlySpan<byte> key, long sequence, string hash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}|{sequence}|{hash}"))));

    // Compares the chain as stored with the newest anchor: rows missing at the head, or a head that is not
    // the one anchored, are tampering. headSequence is the newest stored sequence (0 for none);
    // hashAtAnchor is the stored hash of the anchored row (null when that row is absent).
    public static AuditChainBreak? Check(AuditAnchor? newest, long headSequence, string? hashAtAnchor)
    {
        if (newest is null) return null;
        if (headSequence < newest.Sequence)
            return new AuditChainBreak(headSequence + 1,
                $"Rows {headSequence + 1}–{newest.Sequence} are missing: the anchor outside the database records sequence {newest.Sequence}.");
        if (!string.Equals(hashAtAnchor, newest.Hash, StringComparison.Ordinal))
            return new AuditChainBreak(newest.Sequence,
                "The row's hash differs from the anchor kept outside the database; the chain was rewritten.");
        return null;
    }
}

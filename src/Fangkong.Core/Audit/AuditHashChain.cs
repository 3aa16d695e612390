using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Fangkong.Core.Audit;

// Tamper evidence for the audit log: each row's hash covers its own facts and the previous row's hash,
// so changing, deleting or reordering any row breaks every hash after it.
// Version 1 (Plain) is SHA-256: anyone who can write the table can rewrite a row and re-hash the rest.
// Version 2 (Keyed) is HMAC-SHA256 with a key the database does not hold, so only the application can
// extend or rewrite the chain; rows written before the key existed stay version 1 and still verify.
public static class AuditHashChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    public const int Plain = 1;
    public const int Keyed = 2;
    public const int MinimumKeyBytes = 32;

    // Leads the hashed bytes so that a future change of encoding cannot collide with this one.
    private static ReadOnlySpan<byte> FormatTag => "fangkong-audit-v1"u8;
    private static ReadOnlySpan<byte> KeyedFormatTag => "fangkong-audit-v2"u8;

    // Distinguishes a null field from an empty one; a real length is never negative.
    private const int NullLength = -1;

    public static string Compute(string previousHash, AuditFacts facts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encode(FormatTag, previousHash, facts).WrittenSpan));

    public static string ComputeKeyed(ReadOnlySpan<byte> key, string previousHash, AuditFacts facts)
    {
        if (key.Length < MinimumKeyBytes) throw new ArgumentException($"The audit chain key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encode(KeyedFormatTag, previousHash, facts).WrittenSpan));
    }

    private static ArrayBufferWriter<byte> Encode(ReadOnlySpan<byte> tag, string previousHash, AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(facts);

        // Every field is length-prefixed, so no choice of field contents can shift bytes from one field into
        // the next ("ab" + "c" and "a" + "bc" encode differently). Integers are fixed-width big-endian.
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(tag);
        WriteString(buffer, previousHash);
        WriteInt64(buffer, facts.Sequence);
        WriteInt64(buffer, Normalize(facts.At).UtcTicks);
        WriteString(buffer, facts.UserName);
        WriteString(buffer, facts.Role);
        WriteString(buffer, facts.Address);
        WriteString(buffer, facts.Action);
        WriteString(buffer, facts.ObjectType);
        WriteString(buffer, facts.ObjectId);
        WriteString(buffer, facts.Outcome);
        WriteString(buffer, facts.Detail);
        return buffer;
    }

    // PostgreSQL timestamptz keeps microseconds and SQLite stores whatever text it is given, so writers
    // store this value and the hash uses it too; a row read back from either database then hashes the same.
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    // The first row must link to Genesis: otherwise deleting the oldest rows would go unnoticed.
    // Without a key only plain rows can be checked; a keyed row then counts as a break.
    public static AuditChainBreak? FindFirstBreak(IEnumerable<AuditChainRow> rowsInOrder) => FindFirstBreak(rowsInOrder, null);

    public static AuditChainBreak? FindFirstBreak(IEnumerable<AuditChainRow> rowsInOrder, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(rowsInOrder);

        AuditChainRow? previous = null;
        foreach (var row in rowsInOrder)
        {
            var sequence = row.Facts.Sequence;
            if (previous is not null && sequence != previous.Facts.Sequence + 1)
            {
                return new AuditChainBreak(sequence, $"Sequence gap: expected {previous.Facts.Sequence + 1} after {previous.Facts.Sequence}, found {sequence}.");
            }

            var expectedPrevious = previous?.Hash ?? Genesis;
            if (!string.Equals(row.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return new AuditChainBreak(sequence, previous is null
                    ? "The first row does not link to the genesis hash; earlier rows may have been removed."
                    : $"Previous hash does not match the hash of row {previous.Facts.Sequence}.");
            }

            // Once keyed, always keyed: a plain row after a keyed one is a rewrite that dropped the key.
            if (row.Version is not (Plain or Keyed) || (previous is not null && row.Version < previous.Version))
            {
                return new AuditChainBreak(sequence, $"Hash scheme version {row.Version} cannot follow version {previous?.Version ?? Plain}; the row was rewritten.");
            }

            if (row.Version == Keyed && key is null)
            {
                return new AuditChainBreak(sequence, "The row is keyed (HMAC-SHA256) but no audit chain key is configured to check it.");
            }

            var expected = row.Version == Keyed ? ComputeKeyed(key, row.PreviousHash, row.Facts) : Compute(row.PreviousHash, row.Facts);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(expected)))
            {
                return new AuditChainBreak(sequence, "Stored hash does not match the row's contents; the row was changed after it was written.");
            }

            previous = row;
        }

        return null;
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(sizeof(long)), value);
        buffer.Advance(sizeof(long));
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        var byteCount = value is null ? NullLength : Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(sizeof(int)), byteCount);
        buffer.Advance(sizeof(int));
        if (value is not null)
        {
            buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(byteCount)));
        }
    }
}

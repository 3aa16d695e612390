using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Fangkong.Core.Audit;

// Tamper evidence for the audit log: each row's hash covers its own facts and the previous row's hash,
// so changing, deleting or reordering any row breaks every hash after it.
public static class AuditHashChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // Leads the hashed bytes so that a future change of encoding cannot collide with this one.
    private static ReadOnlySpan<byte> FormatTag => "fangkong-audit-v1"u8;

    // Distinguishes a null field from an empty one; a real length is never negative.
    private const int NullLength = -1;

    public static string Compute(string previousHash, AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(facts);

        // Every field is length-prefixed, so no choice of field contents can shift bytes from one field into
        // the next ("ab" + "c" and "a" + "bc" encode differently). Integers are fixed-width big-endian.
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(FormatTag);
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
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    // PostgreSQL timestamptz keeps microseconds and SQLite stores whatever text it is given, so writers
    // store this value and the hash uses it too; a row read back from either database then hashes the same.
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    // The first row must link to Genesis: otherwise deleting the oldest rows would go unnoticed.
    public static AuditChainBreak? FindFirstBreak(IEnumerable<AuditChainRow> rowsInOrder)
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

            if (!string.Equals(row.Hash, Compute(row.PreviousHash, row.Facts), StringComparison.Ordinal))
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

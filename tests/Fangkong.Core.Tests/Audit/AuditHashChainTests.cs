using System.Security.Cryptography;
using System.Text;
using Fangkong.Core.Audit;

namespace Fangkong.Core.Tests.Audit;

public class AuditHashChainTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    private static AuditFacts Facts(long sequence) => new(
        sequence,
        Start.AddMinutes(sequence),
        UserName: "zhang.wei",
        Role: "district-officer",
        Address: "10.0.0.7",
        Action: "resident.view",
        ObjectType: "Resident",
        ObjectId: $"R-{sequence}",
        Outcome: "allowed",
        Detail: null);

    private static List<AuditChainRow> Chain(int length)
    {
        var rows = new List<AuditChainRow>();
        var previous = AuditHashChain.Genesis;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var facts = Facts(sequence);
            var hash = AuditHashChain.Compute(previous, facts);
            rows.Add(new AuditChainRow(facts, previous, hash));
            previous = hash;
        }

        return rows;
    }

    [Fact]
    public void Hashes_are_lower_case_hex_sha256()
    {
        var hash = AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1));

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Genesis_is_sixty_four_zeros()
    {
        Assert.Equal(new string('0', 64), AuditHashChain.Genesis);
    }

    [Fact]
    public void The_hash_is_sha256_of_the_documented_encoding()
    {
        // Rebuilds the canonical encoding independently: tag, then each field as a big-endian int32 UTF-8
        // byte length (-1 for null) followed by the bytes, integers as big-endian int64.
        var facts = new AuditFacts(7, new DateTimeOffset(2025, 3, 1, 1, 2, 3, TimeSpan.Zero), "张伟", null, "", "login", null, null, "ok", "首次");
        var bytes = new List<byte>();
        bytes.AddRange("fangkong-audit-v1"u8.ToArray());
        void Text(string? s)
        {
            var utf8 = s is null ? null : Encoding.UTF8.GetBytes(s);
            var length = utf8?.Length ?? -1;
            bytes.AddRange([(byte)((length >> 24) & 0xFF), (byte)((length >> 16) & 0xFF), (byte)((length >> 8) & 0xFF), (byte)(length & 0xFF)]);
            bytes.AddRange(utf8 ?? []);
        }

        void Int64(long v)
        {
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)((v >> shift) & 0xFF));
            }
        }

        Text(AuditHashChain.Genesis);
        Int64(7);
        Int64(facts.At.UtcTicks);
        Text("张伟");
        Text(null);
        Text("");
        Text("login");
        Text(null);
        Text(null);
        Text("ok");
        Text("首次");

        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));

        Assert.Equal(expected, AuditHashChain.Compute(AuditHashChain.Genesis, facts));
    }

    [Fact]
    public void An_intact_chain_has_no_break()
    {
        Assert.Null(AuditHashChain.FindFirstBreak(Chain(20)));
    }

    [Fact]
    public void An_empty_chain_has_no_break()
    {
        Assert.Null(AuditHashChain.FindFirstBreak([]));
    }

    [Fact]
    public void A_changed_field_is_detected_at_that_row()
    {
        var rows = Chain(10);
        rows[4] = rows[4] with { Facts = rows[4].Facts with { Outcome = "denied" } };

        var found = AuditHashChain.FindFirstBreak(rows);

        Assert.Equal(5, found?.Sequence);
        Assert.Contains("hash", found!.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_changed_row_with_a_recomputed_hash_is_detected_at_the_next_row()
    {
        var rows = Chain(10);
        var forged = rows[4].Facts with { UserName = "someone.else" };
        rows[4] = rows[4] with { Facts = forged, Hash = AuditHashChain.Compute(rows[4].PreviousHash, forged) };

        Assert.Equal(6, AuditHashChain.FindFirstBreak(rows)?.Sequence);
    }

    [Fact]
    public void A_deleted_row_is_detected_where_the_gap_is()
    {
        var rows = Chain(10);
        rows.RemoveAt(3);

        var found = AuditHashChain.FindFirstBreak(rows);

        Assert.Equal(5, found?.Sequence);
        Assert.Contains("gap", found!.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Deleting_the_oldest_row_is_detected()
    {
        var rows = Chain(5);
        rows.RemoveAt(0);

        Assert.Equal(2, AuditHashChain.FindFirstBreak(rows)?.Sequence);
    }

    [Fact]
    public void Deleting_a_row_and_renumbering_the_rest_is_still_detected()
    {
        var rows = Chain(6);
        rows.RemoveAt(2);
        for (var i = 2; i < rows.Count; i++)
        {
            rows[i] = rows[i] with { Facts = rows[i].Facts with { Sequence = i + 1 } };
        }

        Assert.Equal(3, AuditHashChain.FindFirstBreak(rows)?.Sequence);
    }

    [Fact]
    public void Reordered_rows_are_detected()
    {
        var rows = Chain(6);
        (rows[2], rows[3]) = (rows[3], rows[2]);

        Assert.Equal(4, AuditHashChain.FindFirstBreak(rows)?.Sequence);
    }

    [Fact]
    public void Swapping_two_rows_contents_while_keeping_sequence_numbers_is_detected()
    {
        var rows = Chain(6);
        var third = rows[2];
        var fourth = rows[3];
        rows[2] = fourth with { Facts = fourth.Facts with { Sequence = 3 } };
        rows[3] = third with { Facts = third.Facts with { Sequence = 4 } };

        Assert.Equal(3, AuditHashChain.FindFirstBreak(rows)?.Sequence);
    }

    [Fact]
    public void A_wrong_previous_hash_is_detected()
    {
        var rows = Chain(4);
        rows[2] = rows[2] with { PreviousHash = rows[0].Hash };

        var found = AuditHashChain.FindFirstBreak(rows);

        Assert.Equal(3, found?.Sequence);
        Assert.Contains("previous", found!.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Null_and_empty_fields_hash_differently()
    {
        var withNull = Facts(1) with { Detail = null };
        var withEmpty = Facts(1) with { Detail = "" };

        Assert.NotEqual(AuditHashChain.Compute(AuditHashChain.Genesis, withNull), AuditHashChain.Compute(AuditHashChain.Genesis, withEmpty));
    }

    [Fact]
    public void Text_cannot_slide_from_one_field_into_the_next()
    {
        var a = Facts(1) with { ObjectType = "Resident", ObjectId = "42" };
        var b = Facts(1) with { ObjectType = "Resident4", ObjectId = "2" };

        Assert.NotEqual(AuditHashChain.Compute(AuditHashChain.Genesis, a), AuditHashChain.Compute(AuditHashChain.Genesis, b));
    }

    [Fact]
    public void Sub_microsecond_ticks_hash_the_same_as_the_normalised_value()
    {
        var precise = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567); // 0.1234567 s
        var normalised = AuditHashChain.Normalize(precise);

        Assert.Equal(
            AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1) with { At = precise }),
            AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1) with { At = normalised }));
    }

    [Fact]
    public void The_same_instant_in_any_offset_hashes_the_same()
    {
        var shanghai = new DateTimeOffset(2025, 3, 1, 17, 30, 0, TimeSpan.FromHours(8));
        var utc = shanghai.ToUniversalTime();

        Assert.Equal(
            AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1) with { At = shanghai }),
            AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1) with { At = utc }));
    }

    [Fact]
    public void A_whole_microsecond_difference_changes_the_hash()
    {
        var at = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

        Assert.NotEqual(
            AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1) with { At = at }),
            AuditHashChain.Compute(AuditHashChain.Genesis, Facts(1) with { At = at.AddTicks(10) }));
    }

    [Theory]
    [InlineData(1_234_567, 1_234_560)]
    [InlineData(10, 10)]
    [InlineData(9, 0)]
    [InlineData(0, 0)]
    public void Normalise_truncates_to_whole_microseconds_in_utc(long extraTicks, long expectedExtraTicks)
    {
        var whole = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

        var normalised = AuditHashChain.Normalize(whole.AddTicks(extraTicks));

        Assert.Equal(TimeSpan.Zero, normalised.Offset);
        Assert.Equal(whole.UtcTicks + expectedExtraTicks, normalised.UtcTicks);
    }
}

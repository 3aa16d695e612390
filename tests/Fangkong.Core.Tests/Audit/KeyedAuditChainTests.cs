using Fangkong.Core.Audit;

namespace Fangkong.Core.Tests.Audit;

public class KeyedAuditChainTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherKey = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();

    private static AuditFacts Facts(long sequence) => new(sequence, new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero).AddMinutes(sequence),
        "xuhui", "CommunityWorker", "10.0.0.7", "person.reveal", "Person", $"P-{sequence}", "success", null);

    // plainRows rows of the old scheme, then keyed rows up to length.
    private static List<AuditChainRow> Chain(int length, int plainRows = 0)
    {
        var rows = new List<AuditChainRow>();
        var previous = AuditHashChain.Genesis;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var plain = sequence <= plainRows;
            var hash = plain ? AuditHashChain.Compute(previous, Facts(sequence)) : AuditHashChain.ComputeKeyed(Key, previous, Facts(sequence));
            rows.Add(new AuditChainRow(Facts(sequence), previous, hash, plain ? AuditHashChain.Plain : AuditHashChain.Keyed));
            previous = hash;
        }
        return rows;
    }

    [Fact]
    public void A_chain_keyed_after_older_plain_rows_verifies_with_the_key()
    {
        Assert.Null(AuditHashChain.FindFirstBreak(Chain(10, plainRows: 4), Key));
    }

    [Fact]
    public void A_keyed_chain_does_not_verify_with_another_key_or_none()
    {
        Assert.Equal(1, AuditHashChain.FindFirstBreak(Chain(5), OtherKey)?.Sequence);
        Assert.Equal(1, AuditHashChain.FindFirstBreak(Chain(5))?.Sequence);
    }

    [Fact]
    public void A_keyed_row_rehashed_with_plain_SHA256_is_detected_whatever_version_it_claims()
    {
        foreach (var claimed in new[] { AuditHashChain.Plain, AuditHashChain.Keyed })
        {
            var rows = Chain(8);
            var previous = rows[4].PreviousHash;
            for (var i = 4; i < rows.Count; i++)
            {
                var facts = i == 4 ? rows[i].Facts with { Outcome = "forged" } : rows[i].Facts;
                var hash = AuditHashChain.Compute(previous, facts);
                rows[i] = new AuditChainRow(facts, previous, hash, claimed);
                previous = hash;
            }

            Assert.Equal(5, AuditHashChain.FindFirstBreak(rows, Key)?.Sequence);
        }
    }

    [Fact]
    public void Anchors_round_trip_and_refuse_a_forged_MAC()
    {
        var line = new AuditAnchor(42, new string('a', 64)).ToLine(Key);

        Assert.Equal((new AuditAnchor(42, new string('a', 64)), true), AuditAnchor.Parse(line, Key));
        Assert.False(AuditAnchor.Parse(line, OtherKey).Valid);
        Assert.False(AuditAnchor.Parse(line.Replace(" 42 ", " 43 ", StringComparison.Ordinal), Key).Valid);
        Assert.Null(AuditAnchor.Parse("something else", Key).Anchor);
    }

    [Fact]
    public void The_anchor_catches_deleted_newest_rows_and_a_rewritten_head()
    {
        var rows = Chain(6);
        var anchor = new AuditAnchor(6, rows[5].Hash);

        Assert.Null(AuditAnchor.Check(anchor, 6, rows[5].Hash));
        Assert.Null(AuditAnchor.Check(null, 6, null));
        Assert.Equal(5, AuditAnchor.Check(anchor, 4, null)?.Sequence);
        Assert.Equal(6, AuditAnchor.Check(anchor, 6, new string('b', 64))?.Sequence);
        // Rows appended after the anchor was written are fine.
        Assert.Null(AuditAnchor.Check(anchor, 9, rows[5].Hash));
    }
}

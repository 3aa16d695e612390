namespace Fangkong.Web.Features.Screening;

public enum TubeKind : byte { Pool = 0, Individual = 1, Retest = 2 }

public enum TubeResult : byte { Pending = 0, Negative = 1, Positive = 2 }

// One sample tube: a pool of up to the round's pool size (混采), a single person (单采), or an individual
// retest scheduled after a positive pool. ~2.5 million per city-wide round, so it stays narrow and
// carries no personal data; its members are SamplingRecords.
public sealed class Tube
{
    private Tube() { }

    public static Tube Collected(string code, int roundId, string districtCode, Guid? pointId, TubeKind kind, DateTime collectedAt) => new()
    {
        Code = code,
        RoundId = roundId,
        DistrictCode = districtCode,
        PointId = pointId,
        Kind = kind,
        CollectedAt = collectedAt,
        Version = 1,
    };

    // A retest exists before it is swabbed: the committee knows whom to sample and the tube code to use.
    public static Tube ScheduledRetest(string code, int roundId, string districtCode, string poolCode) => new()
    {
        Code = code,
        RoundId = roundId,
        DistrictCode = districtCode,
        Kind = TubeKind.Retest,
        RetestOf = poolCode,
        Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public string Code { get; private set; } = "";
    public int RoundId { get; private set; }
    public Guid? PointId { get; private set; }
    public TubeKind Kind { get; private set; }
    public DateTime? CollectedAt { get; private set; }
    public string? RetestOf { get; private set; }
    public TubeResult Result { get; private set; }
    public DateTime? ResultAt { get; private set; }
    public string? Lab { get; private set; }
    public int Version { get; private set; }

    public bool IsPool => Kind == TubeKind.Pool;

    // A lab's answer. The same answer again changes nothing (a re-sent batch); a different answer for
    // a tube that already has one is refused: a result is corrected by a person, never by a retry.
    public RecordOutcome Record(TubeResult result, DateTime testedAt, string lab)
    {
        if (result == TubeResult.Pending) throw new ArgumentOutOfRangeException(nameof(result));
        if (Result == result) return RecordOutcome.Unchanged;
        if (Result != TubeResult.Pending) return RecordOutcome.Conflict;
        Result = result;
        ResultAt = testedAt;
        Lab = lab;
        CollectedAt ??= testedAt;
        Version++;
        return RecordOutcome.Recorded;
    }
}

public enum RecordOutcome { Recorded, Unchanged, Conflict }

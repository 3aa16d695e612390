namespace Fangkong.Web.Features.Screening;

public enum RoundStatus { Open, Closed }

// One round of mass screening (一轮核酸筛查) over an area: a city, district, street or committee.
// Everyone registered in the area is expected to be sampled by the deadline; after it, the residents
// not sampled are "overdue" for the health-status module.
public sealed class ScreeningRound
{
    private ScreeningRound() { }

    public static ScreeningRound Open(string areaCode, string name, DateOnly date, DateTime deadlineUtc, int poolSize, string? by, DateTime nowUtc) => new()
    {
        AreaCode = areaCode,
        Name = name,
        Date = date,
        DeadlineUtc = deadlineUtc,
        PoolSize = poolSize,
        Status = RoundStatus.Open,
        CreatedBy = by,
        CreatedAt = nowUtc,
        Version = 1,
    };

    // A small integer, not a Guid: it is repeated in each of a round's ~25 million sampling records.
    public int Id { get; private set; }
    public string AreaCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public DateTime DeadlineUtc { get; private set; }
    // The usual pool (10-in-1); a tube may declare fewer members, never more than the round allows.
    public int PoolSize { get; private set; }
    public RoundStatus Status { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsPastDeadline(DateTime nowUtc) => nowUtc > DeadlineUtc;

    // Closing stops new sampling records; lab results (and retests) still arrive afterwards.
    public void Close(DateTime nowUtc)
    {
        if (Status == RoundStatus.Closed) return;
        Status = RoundStatus.Closed;
        ClosedAt = nowUtc;
        Version++;
    }
}

namespace Fangkong.Web.Features.Treatment;

public enum PlacementStatus { Draft = 1, Approved = 2, Discarded = 3 }

// One run of the placement engine over the waiting patients of a scope. Approval reserves a bed
// for every placed line (all or nothing) and frees nothing else.
public sealed class PlacementBatch
{
    private PlacementBatch() { }

    public static PlacementBatch Draft(Guid id, string scopeCode, string? by, DateTime nowUtc) => new()
    {
        Id = id, ScopeCode = scopeCode, CreatedBy = by, CreatedAt = nowUtc, UpdatedAt = nowUtc, Status = PlacementStatus.Draft, Version = 1,
    };

    public Guid Id { get; private set; }
    public string ScopeCode { get; private set; } = "";
    public PlacementStatus Status { get; private set; }
    public int Patients { get; private set; }
    public int Placed { get; private set; }
    // Sum over placed patients of the distance from home to the facility, in 100 m.
    public long TotalDistance { get; private set; }
    public double EngineMilliseconds { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Solved(int patients, int placed, long distance, double milliseconds) =>
        (Patients, Placed, TotalDistance, EngineMilliseconds) = (patients, placed, distance, milliseconds);

    public void Adjusted(int placed, long distance, DateTime nowUtc)
    {
        (Placed, TotalDistance, UpdatedAt) = (placed, distance, nowUtc);
        Version++;
    }

    public void Approve(string? by, DateTime nowUtc)
    {
        if (Status != PlacementStatus.Draft) throw new InvalidOperationException($"Placement {Id} is {Status}.");
        (Status, ApprovedBy, ApprovedAt, UpdatedAt) = (PlacementStatus.Approved, by, nowUtc, nowUtc);
        Version++;
    }

    public void Discard(DateTime nowUtc)
    {
        if (Status != PlacementStatus.Draft) throw new InvalidOperationException($"Placement {Id} is {Status}.");
        (Status, UpdatedAt) = (PlacementStatus.Discarded, nowUtc);
        Version++;
    }
}

// One patient's line: where the engine put them (or why not), and where the coordinator put them.
public sealed class PlacementLine
{
    private PlacementLine() { }

    public static PlacementLine From(Guid batchId, Guid patientId, string divisionCode, int priority, Severity severity, BedLevel minimumLevel,
        Guid? wardId, long? distance, string reason, double waitingHours) => new()
    {
        BatchId = batchId, PatientId = patientId, DivisionCode = divisionCode, Priority = priority, Severity = severity,
        MinimumLevel = minimumLevel, EngineWardId = wardId, WardId = wardId, Distance = distance, Reason = reason, WaitingHours = waitingHours,
    };

    public Guid BatchId { get; private set; }
    public Guid PatientId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public int Priority { get; private set; }
    public Severity Severity { get; private set; }
    public BedLevel MinimumLevel { get; private set; }
    public Guid? EngineWardId { get; private set; }
    public Guid? WardId { get; private set; }
    public long? Distance { get; private set; }
    public string Reason { get; private set; } = "";
    public double WaitingHours { get; private set; }

    public void Assign(Guid? wardId, long? distance, string reason) => (WardId, Distance, Reason) = (wardId, distance, reason);
}

namespace Fangkong.Web.Features.Supplies;

public enum PlanStatus { Draft = 1, Approved = 2, Discarded = 3 }

public enum NeedBasis { Forecast = 1, Consumption = 2, Requests = 3 }

// One run of the allocation engine for one product within one scope (a district prefix, or the
// city). The planner may adjust shipments while it is a draft; approval turns each shipment into
// a delivery order and freezes the plan.
public sealed class SupplyPlan
{
    private SupplyPlan() { }

    public static SupplyPlan Draft(Guid id, Guid productId, string scopeCode, NeedBasis basis, int horizonDays, int safetyDays,
        string? createdBy, DateTime nowUtc) => new()
    {
        Id = id, ProductId = productId, ScopeCode = scopeCode, Basis = basis, HorizonDays = horizonDays, SafetyDays = safetyDays,
        CreatedBy = createdBy, CreatedAt = nowUtc, UpdatedAt = nowUtc, Status = PlanStatus.Draft, Version = 1,
    };

    public Guid Id { get; private set; }
    public Guid ProductId { get; private set; }
    // The division the plan covers: its sites and sources lie under this code.
    public string ScopeCode { get; private set; } = "";
    public NeedBasis Basis { get; private set; }
    public int HorizonDays { get; private set; }
    public int SafetyDays { get; private set; }
    public PlanStatus Status { get; private set; }
    public long TotalAvailable { get; private set; }
    public long TotalNeed { get; private set; }
    public long TotalAllocated { get; private set; }
    // Sum of units × distance (units of 100 m), as the engine computed it; adjustments update it.
    public long TransportCost { get; private set; }
    public long EngineTransportCost { get; private set; }
    public double EngineMilliseconds { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? ApprovedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void RecordSolution(long available, long need, long allocated, long transportCost, double milliseconds)
    {
        (TotalAvailable, TotalNeed, TotalAllocated, TransportCost, EngineTransportCost, EngineMilliseconds) =
            (available, need, allocated, transportCost, transportCost, milliseconds);
    }

    public void Adjusted(long allocated, long transportCost, DateTime nowUtc)
    {
        (TotalAllocated, TransportCost, UpdatedAt) = (allocated, transportCost, nowUtc);
        Version++;
    }

    public void Approve(string? by, DateTime nowUtc)
    {
        if (Status != PlanStatus.Draft) throw new InvalidOperationException($"Plan {Id} is {Status}, not a draft.");
        (Status, ApprovedBy, ApprovedAt, UpdatedAt) = (PlanStatus.Approved, by, nowUtc, nowUtc);
        Version++;
    }

    public void Discard(DateTime nowUtc)
    {
        if (Status != PlanStatus.Draft) throw new InvalidOperationException($"Plan {Id} is {Status}, not a draft.");
        (Status, UpdatedAt) = (PlanStatus.Discarded, nowUtc);
        Version++;
    }
}

// The plan's line for one site: what the engine saw and decided, and why.
public sealed class SupplyPlanSite
{
    private SupplyPlanSite() { }

    public static SupplyPlanSite From(Guid planId, Guid facilityId, string divisionCode, int priority, long onHand, long inbound,
        double dailyUse, long requested, long need, long allocated, string reason, long community = 0, string? communityNote = null) => new()
    {
        PlanId = planId, FacilityId = facilityId, DivisionCode = divisionCode, Priority = priority, OnHand = onHand, Inbound = inbound,
        DailyUse = dailyUse, Requested = requested, Need = need, EngineAllocated = allocated, Allocated = allocated, Reason = reason,
        Community = community, CommunityNote = communityNote,
    };

    public Guid PlanId { get; private set; }
    public Guid FacilityId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public int Priority { get; private set; }
    public long OnHand { get; private set; }
    public long Inbound { get; private set; }
    public double DailyUse { get; private set; }
    public long Requested { get; private set; }
    public long Need { get; private set; }
    public long EngineAllocated { get; private set; }
    public long Allocated { get; private set; }
    public string Reason { get; private set; } = "";
    // Residents' waiting medicine included in Need, and where it comes from (part of the line's explanation).
    public long Community { get; private set; }
    public string? CommunityNote { get; private set; }

    public double FillRatio => Need == 0 ? 1 : (double)Allocated / Need;

    public void SetAllocated(long allocated) => Allocated = allocated;
}

// One source → site shipment of the plan; becomes one delivery order on approval.
public sealed class SupplyPlanShipment
{
    private SupplyPlanShipment() { }

    public static SupplyPlanShipment From(Guid planId, Guid sourceId, Guid siteId, long units, long distance) => new()
    {
        PlanId = planId, SourceId = sourceId, SiteId = siteId, Units = units, EngineUnits = units, Distance = distance,
    };

    public Guid PlanId { get; private set; }
    public Guid SourceId { get; private set; }
    public Guid SiteId { get; private set; }
    public long Units { get; private set; }
    public long EngineUnits { get; private set; }
    public long Distance { get; private set; }

    public void Adjust(long units) => Units = units;
}

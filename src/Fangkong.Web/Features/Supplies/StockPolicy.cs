namespace Fangkong.Web.Features.Supplies;

// Per node and product: the strategic reserve held back from allocation (政府储备), and for a
// manufacturer its daily production capacity and hours of operation (24 under emergency orders).
public sealed class StockPolicy
{
    private StockPolicy() { }

    public static StockPolicy Create(Guid facilityId, string divisionCode, string districtCode, Guid productId) => new()
    {
        FacilityId = facilityId, DivisionCode = divisionCode, DistrictCode = districtCode, ProductId = productId, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid FacilityId { get; private set; }
    public Guid ProductId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public long ReserveUnits { get; private set; }
    public long? DailyCapacityUnits { get; private set; }
    public int? HoursPerDay { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Set(long reserveUnits, long? dailyCapacityUnits, int? hoursPerDay, DateTime nowUtc)
    {
        ReserveUnits = reserveUnits;
        DailyCapacityUnits = dailyCapacityUnits;
        HoursPerDay = hoursPerDay;
        UpdatedAt = nowUtc;
        Version++;
    }
}

public enum SupplyRequestStatus { Open = 1, Planned = 2, Withdrawn = 3 }

// A site asks for units of a product (when it sees a need the forecast and its consumption do not).
// Open requests add to the site's need in the next plan; approval marks them planned.
public sealed class SupplyRequest
{
    private SupplyRequest() { }

    public static SupplyRequest Raise(Guid id, Guid facilityId, string divisionCode, string districtCode, Guid productId,
        long units, string? reason, string? raisedBy, DateTime nowUtc) => new()
    {
        Id = id, FacilityId = facilityId, DivisionCode = divisionCode, DistrictCode = districtCode, ProductId = productId,
        Units = units, Reason = reason, RaisedBy = raisedBy, RaisedAt = nowUtc, Status = SupplyRequestStatus.Open,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid FacilityId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public long Units { get; private set; }
    public string? Reason { get; private set; }
    public string? RaisedBy { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public SupplyRequestStatus Status { get; private set; }
    public Guid? PlanId { get; private set; }

    public void MarkPlanned(Guid planId) { Status = SupplyRequestStatus.Planned; PlanId = planId; }
    public void Withdraw() => Status = SupplyRequestStatus.Withdrawn;
}

namespace Fangkong.Web.Features.PriceWatch;

public enum WatchFlagKind
{
    Price = 1,
    Hoarding = 2,
    SalesJump = 3,
}

public enum WatchFlagStatus
{
    Open = 1,
    Closed = 2,
}

public enum WatchOutcome
{
    // Confirmed and referred to market regulation (市场监管).
    Confirmed = 1,
    Dismissed = 2,
}

// A suspicion raised by one of the rules, with its evidence as JSON, waiting for a reviewer. It
// belongs to the pharmacy of the sale that crossed the threshold, so the jurisdiction filter gives it
// to that pharmacy's district. DedupKey makes the same finding raise one flag, not one per sale.
public sealed class WatchFlag
{
    private WatchFlag() { }

    public static WatchFlag Raise(Guid id, WatchFlagKind kind, string dedupKey, Guid facilityId, string facilityName, string divisionCode,
        string districtCode, Guid productId, string productCode, Guid saleId, string? buyerHash, string evidence, DateTime nowUtc) => new()
    {
        Id = id,
        Kind = kind,
        Status = WatchFlagStatus.Open,
        DedupKey = dedupKey,
        FacilityId = facilityId,
        FacilityName = facilityName,
        DivisionCode = divisionCode,
        DistrictCode = districtCode,
        ProductId = productId,
        ProductCode = productCode,
        SaleId = saleId,
        BuyerHash = buyerHash,
        Evidence = evidence,
        RaisedAt = nowUtc,
        Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public WatchFlagKind Kind { get; private set; }
    public WatchFlagStatus Status { get; private set; }
    public string DedupKey { get; private set; } = "";
    public Guid FacilityId { get; private set; }
    public string FacilityName { get; private set; } = "";
    public string DivisionCode { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public string ProductCode { get; private set; } = "";
    public Guid SaleId { get; private set; }
    public string? BuyerHash { get; private set; }
    public string Evidence { get; private set; } = "{}";
    public DateTime RaisedAt { get; private set; }
    public WatchOutcome? Outcome { get; private set; }
    public string? Note { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status == WatchFlagStatus.Open;

    public void Close(WatchOutcome outcome, string note, string? by, DateTime nowUtc)
    {
        if (!IsOpen) throw new InvalidOperationException("The flag is already closed.");
        Status = WatchFlagStatus.Closed;
        Outcome = outcome;
        Note = note;
        ClosedBy = by;
        ClosedAt = nowUtc;
        Version++;
    }
}

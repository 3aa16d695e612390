namespace Fangkong.Web.Features.Supplies;

public enum DeliveryStatus { Approved = 1, Dispatched = 2, InTransit = 3, Received = 4, Cancelled = 5 }

// A source → site delivery created by approving a plan. Dispatch takes the units out of the
// source's ledger (first-expiring lots first, as TransferOut movements naming the order); receipt
// puts the received units into the site's ledger under those lots, and any shortfall is recorded as
// a discrepancy (lost in transit).
public sealed class DeliveryOrder
{
    private DeliveryOrder() { }

    public static DeliveryOrder FromPlan(Guid id, string number, Guid planId, Guid productId, Guid sourceId, string sourceDivision,
        Guid siteId, string siteDivision, string siteDistrict, long units, DateTime nowUtc) => new()
    {
        Id = id, Number = number, PlanId = planId, ProductId = productId, SourceId = sourceId, SourceDivisionCode = sourceDivision,
        SiteId = siteId, SiteDivisionCode = siteDivision, DistrictCode = siteDistrict, Units = units, Status = DeliveryStatus.Approved,
        CreatedAt = nowUtc, UpdatedAt = nowUtc, Version = 1,
    };

    // The receiving site's district: the order lives with the site, where it is tracked to receipt.
    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Guid PlanId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid SourceId { get; private set; }
    public string SourceDivisionCode { get; private set; } = "";
    public Guid SiteId { get; private set; }
    public string SiteDivisionCode { get; private set; } = "";
    public long Units { get; private set; }
    public long? ReceivedUnits { get; private set; }
    public string? Discrepancy { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DispatchedAt { get; private set; }
    public DateTime? InTransitAt { get; private set; }
    public DateTime? ReceivedAt { get; private set; }
    public string? ReceivedBy { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Dispatched(DateTime nowUtc)
    {
        Require(DeliveryStatus.Approved);
        (Status, DispatchedAt, UpdatedAt) = (DeliveryStatus.Dispatched, nowUtc, nowUtc);
        Version++;
    }

    public void OnTheRoad(DateTime nowUtc)
    {
        Require(DeliveryStatus.Dispatched);
        (Status, InTransitAt, UpdatedAt) = (DeliveryStatus.InTransit, nowUtc, nowUtc);
        Version++;
    }

    public void Received(long units, string? discrepancy, string? by, DateTime nowUtc)
    {
        if (Status is not (DeliveryStatus.Dispatched or DeliveryStatus.InTransit))
            throw new InvalidOperationException($"Order {Number} is {Status}; only a dispatched order can be received.");
        (Status, ReceivedUnits, Discrepancy, ReceivedBy, ReceivedAt, UpdatedAt) = (DeliveryStatus.Received, units, discrepancy, by, nowUtc, nowUtc);
        Version++;
    }

    public void Cancel(DateTime nowUtc)
    {
        Require(DeliveryStatus.Approved);
        (Status, UpdatedAt) = (DeliveryStatus.Cancelled, nowUtc);
        Version++;
    }

    private void Require(DeliveryStatus status)
    {
        if (Status != status) throw new InvalidOperationException($"Order {Number} is {Status}, not {status}.");
    }
}

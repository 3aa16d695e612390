namespace Fangkong.Web.Features.PriceWatch;

// One sale as a pharmacy reported it. The buyer is kept only as a keyed hash of the ID number
// (BuyerHasher), enough to see the same buyer at two pharmacies and useless for finding who it is.
// SaleDay is the China calendar day of SoldAt, so "a day's units" is one indexed range.
public sealed class PharmacySale
{
    private PharmacySale() { }

    public static PharmacySale Record(Guid id, Guid facilityId, string divisionCode, string districtCode, Guid productId,
        long quantity, decimal unitPrice, string buyerHash, DateTime soldAtUtc, DateOnly saleDay, string? reportedBy, DateTime reportedAtUtc) => new()
    {
        Id = id,
        FacilityId = facilityId,
        DivisionCode = divisionCode,
        DistrictCode = districtCode,
        ProductId = productId,
        Quantity = quantity,
        UnitPrice = unitPrice,
        BuyerHash = buyerHash,
        SoldAt = soldAtUtc,
        SaleDay = saleDay,
        ReportedBy = reportedBy,
        ReportedAt = reportedAtUtc,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid FacilityId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public long Quantity { get; private set; }
    // Yuan per unit, as charged.
    public decimal UnitPrice { get; private set; }
    public string BuyerHash { get; private set; } = "";
    public DateTime SoldAt { get; private set; }
    public DateOnly SaleDay { get; private set; }
    public string? ReportedBy { get; private set; }
    public DateTime ReportedAt { get; private set; }
}

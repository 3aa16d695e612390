namespace Fangkong.Web.Features.Supplies;

// Why stock moved. The sign of a movement follows from its reason, so a "receipt" can never take
// stock away and a "loss" can never add it.
public enum MovementReason
{
    Receipt = 1,        // from outside the platform (a supplier not registered here)
    Produced = 2,       // a manufacturer's daily output
    TransferIn = 3,     // received against a delivery order
    Found = 4,          // adjustment: a count found more than the ledger
    Issue = 11,         // handed out to someone outside the platform (a ward, a community team)
    TransferOut = 12,   // dispatched against a delivery order
    Dispensed = 13,     // sold or given to patients
    Damaged = 14,
    Expired = 15,
    Lost = 16,          // adjustment: a count found less, or a shortfall in transit
}

public static class MovementReasons
{
    public static bool Adds(MovementReason reason) => (int)reason < 10;

    public static readonly MovementReason[] Manual =
    [
        MovementReason.Receipt, MovementReason.Produced, MovementReason.Found, MovementReason.Issue,
        MovementReason.Dispensed, MovementReason.Damaged, MovementReason.Expired, MovementReason.Lost,
    ];
}

// One line of the ledger, never changed or deleted. Change is signed (+ in, − out) in whole units;
// on-hand of a lot is the sum of its movements, kept in StockLot by the same transaction.
public sealed class StockMovement
{
    private StockMovement() { }

    public static StockMovement Record(Guid id, Guid facilityId, string divisionCode, string districtCode, Guid productId,
        string lot, DateOnly? expiry, long change, MovementReason reason, Guid? deliveryOrderId, Guid? counterpartyId,
        string? note, string? recordedBy, DateTime nowUtc, long balanceAfter) => new()
    {
        Id = id, FacilityId = facilityId, DivisionCode = divisionCode, DistrictCode = districtCode, ProductId = productId,
        Lot = lot, Expiry = expiry, Change = change, Reason = reason, DeliveryOrderId = deliveryOrderId,
        CounterpartyId = counterpartyId, Note = note, RecordedBy = recordedBy, At = nowUtc, BalanceAfter = balanceAfter,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid FacilityId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid ProductId { get; private set; }
    public string Lot { get; private set; } = "";
    public DateOnly? Expiry { get; private set; }
    public long Change { get; private set; }
    public MovementReason Reason { get; private set; }
    public Guid? DeliveryOrderId { get; private set; }
    public Guid? CounterpartyId { get; private set; }
    public string? Note { get; private set; }
    public string? RecordedBy { get; private set; }
    public DateTime At { get; private set; }
    // The lot's on-hand right after this movement, so a reader can audit the running balance.
    public long BalanceAfter { get; private set; }
}

// The running on-hand of one lot at one node. Only StockLedger writes it, in the same transaction
// as the movement, and only through a guarded update (OnHand >= quantity), so two concurrent
// issues cannot both spend the last units.
public sealed class StockLot
{
    private StockLot() { }

    public static StockLot Open(Guid facilityId, string divisionCode, string districtCode, Guid productId, string lot, DateOnly? expiry) => new()
    {
        FacilityId = facilityId, DivisionCode = divisionCode, DistrictCode = districtCode, ProductId = productId, Lot = lot, Expiry = expiry,
    };

    // For bulk seeding, where the movements that make up the balance are written alongside.
    internal static StockLot Seeded(Guid facilityId, string divisionCode, string districtCode, Guid productId, string lot, DateOnly? expiry, long onHand)
    {
        var seeded = Open(facilityId, divisionCode, districtCode, productId, lot, expiry);
        seeded.OnHand = onHand;
        return seeded;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid FacilityId { get; private set; }
    public Guid ProductId { get; private set; }
    public string Lot { get; private set; } = "";
    public string DivisionCode { get; private set; } = "";
    public DateOnly? Expiry { get; private set; }
    public long OnHand { get; private set; }
}

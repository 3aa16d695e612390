namespace Fangkong.Web.Features.Community.Sharing;

public enum OfferStatus { Available = 1, Used = 2, Withdrawn = 3 }

public enum AskStatus { Open = 1, Matched = 2, HandedOver = 3, Cancelled = 4 }

// Spare medicine a resident gives to neighbours (药物共享共济). Remaining falls as asks are matched;
// an offer past its expiry is never matched, whatever its status says.
public sealed class MedicineOffer
{
    private MedicineOffer() { }

    public static MedicineOffer Record(string committeeCode, Guid? productId, string productName, int quantity, DateOnly expiry, string donor,
        string? recordedBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = committeeCode[..6], DivisionCode = committeeCode, ProductId = productId, ProductName = productName,
        Quantity = quantity, Remaining = quantity, Expiry = expiry, Donor = donor, RecordedBy = recordedBy, CreatedAt = nowUtc,
        Status = OfferStatus.Available, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid? ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public int Remaining { get; private set; }
    public DateOnly Expiry { get; private set; }
    // A building and room or a first name the worker can find the giver by; not an identity.
    public string Donor { get; private set; } = "";
    public string? RecordedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public OfferStatus Status { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public int Take(int wanted, DateTime nowUtc)
    {
        var taken = Math.Min(wanted, Remaining);
        Remaining -= taken;
        if (Remaining == 0) Status = OfferStatus.Used;
        UpdatedAt = nowUtc;
        Version++;
        return taken;
    }
}

public sealed class MedicineAsk
{
    private MedicineAsk() { }

    public static MedicineAsk Record(string committeeCode, Guid? productId, string productName, int quantity, bool urgent, bool keyPopulation,
        string requester, string? recordedBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = committeeCode[..6], DivisionCode = committeeCode, ProductId = productId, ProductName = productName,
        Quantity = quantity, Urgent = urgent, KeyPopulation = keyPopulation, Requester = requester, RecordedBy = recordedBy, CreatedAt = nowUtc,
        Status = AskStatus.Open, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid? ProductId { get; private set; }
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public bool Urgent { get; private set; }
    // Elderly, pregnant, chronic or dialysis patients: served before others at the same urgency.
    public bool KeyPopulation { get; private set; }
    public string Requester { get; private set; } = "";
    public string? RecordedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public AskStatus Status { get; private set; }
    public Guid? OfferId { get; private set; }
    public int MatchedQuantity { get; private set; }
    public DateTime? MatchedAt { get; private set; }
    public DateTime? HandedOverAt { get; private set; }
    public string? HandedOverBy { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void MatchWith(MedicineOffer offer, int quantity, DateTime nowUtc)
    {
        (OfferId, MatchedQuantity, MatchedAt, Status) = (offer.Id, quantity, nowUtc, AskStatus.Matched);
        Touch(nowUtc);
    }

    public void HandOver(string by, DateTime nowUtc)
    {
        (HandedOverAt, HandedOverBy, Status) = (nowUtc, by, AskStatus.HandedOver);
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAt = nowUtc;
        Version++;
    }
}

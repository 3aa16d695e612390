using System.Security.Cryptography;

namespace Fangkong.Web.Features.Community.Requests;

public enum RequestKind { Medicine = 1, DailyNecessities = 2, MedicalHelp = 3, OtherHelp = 4 }

public enum RequestStatus { Open = 1, Assigned = 2, Delivered = 3, Closed = 4 }

public enum RequestChannel { Worker = 1, QrCode = 2 }

// A resident's request (急难愁盼) to their residents' committee. DueAt is fixed at filing from the
// kind and urgency; the escalation flag is computed on read (still not delivered past DueAt), so
// nothing has to run on a timer for an overdue request to show up.
public sealed class ResidentRequest
{
    private ResidentRequest() { }

    public static ResidentRequest File(string committeeCode, RequestChannel channel, Guid? qrCodeId, RequestKind kind, bool urgent,
        string description, string building, string room, string phone, string? filedBy, DateTime nowUtc, DateTime dueAt) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = committeeCode[..6], DivisionCode = committeeCode, Channel = channel, QrCodeId = qrCodeId,
        Receipt = NewReceipt(), Kind = kind, Urgent = urgent, Description = description, Building = building, Room = room, Phone = phone,
        FiledBy = filedBy, CreatedAt = nowUtc, DueAt = dueAt, Status = RequestStatus.Open, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public RequestChannel Channel { get; private set; }
    public Guid? QrCodeId { get; private set; }
    // What the resident keeps to check status and confirm delivery; random, so receipts of neighbours cannot be guessed.
    public string Receipt { get; private set; } = "";
    public RequestKind Kind { get; private set; }
    public bool Urgent { get; private set; }
    public string Description { get; private set; } = "";
    public string Building { get; private set; } = "";
    public string Room { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string? FiledBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime DueAt { get; private set; }
    public RequestStatus Status { get; private set; }
    public string? AssignedTo { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public string? DeliveryNote { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public bool ResidentConfirmed { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOverdue(DateTime nowUtc) => Status is RequestStatus.Open or RequestStatus.Assigned && nowUtc > DueAt;

    public void AssignTo(string helper, DateTime nowUtc)
    {
        (AssignedTo, AssignedAt, Status) = (helper, nowUtc, RequestStatus.Assigned);
        Touch(nowUtc);
    }

    public void MarkDelivered(string? note, DateTime nowUtc)
    {
        (DeliveredAt, DeliveryNote, Status) = (nowUtc, note, RequestStatus.Delivered);
        Touch(nowUtc);
    }

    public void ConfirmByResident(DateTime nowUtc)
    {
        (ClosedAt, ClosedBy, ResidentConfirmed, Status) = (nowUtc, "resident", true, RequestStatus.Closed);
        Touch(nowUtc);
    }

    public void CloseByWorker(string by, DateTime nowUtc)
    {
        (ClosedAt, ClosedBy, Status) = (nowUtc, by, RequestStatus.Closed);
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAt = nowUtc;
        Version++;
    }

    // Ten characters from an alphabet without 0/O, 1/I/L: about 50 bits, read aloud over the phone.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static string NewReceipt() => RandomNumberGenerator.GetString(Alphabet, 10);
}

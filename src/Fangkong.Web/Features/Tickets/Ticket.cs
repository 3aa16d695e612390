namespace Fangkong.Web.Features.Tickets;

// 12345 hotline categories as the command centre counts them.
public enum TicketCategory { MedicalHelp = 1, Medicine = 2, DailySupplies = 3, LockdownManagement = 4, Testing = 5, Other = 6 }

public enum TicketUrgency { Normal = 1, Urgent = 2 }

public enum TicketStatus { Open = 1, InProgress = 2, Closed = 3 }

// 属地 (the street or, after escalation, the district of the place) or 部门 (a named department).
public enum TicketRoute { Division = 1, Department = 2 }

public enum TicketEntryKind { Created = 1, Reply = 2, Escalated = 3, Closed = 4 }

// A resident's complaint or request from the 12345 hotline. It lives in the district of the place it
// concerns (the jurisdiction filter and the Citus key), is owned by the street there or by a
// department, and must be answered by its deadline; the resident rates the handling at closure.
public sealed class Ticket
{
    private Ticket() { }

    public static Ticket Open(Guid id, string number, TicketCategory category, string placeCode, string description, TicketUrgency urgency,
        DateTime deadline, string? department, string? by, DateTime nowUtc) => new()
    {
        Id = id, Number = number, Category = category, DivisionCode = placeCode, DistrictCode = placeCode[..6], Description = description,
        Urgency = urgency, DeadlineAt = deadline,
        Route = department is null ? TicketRoute.Division : TicketRoute.Department,
        RoutedDivisionCode = placeCode.Length >= 9 ? placeCode[..9] : placeCode, Department = department,
        Status = TicketStatus.Open, CreatedBy = by, CreatedAt = nowUtc, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public TicketCategory Category { get; private set; }
    // The place the ticket concerns (a street or a residents' committee).
    public string DivisionCode { get; private set; } = "";
    public string Description { get; private set; } = "";
    public TicketUrgency Urgency { get; private set; }
    public DateTime DeadlineAt { get; private set; }
    public TicketRoute Route { get; private set; }
    // The responsible division: the place's street, or its district once escalated.
    public string RoutedDivisionCode { get; private set; } = "";
    public string? Department { get; private set; }
    public TicketStatus Status { get; private set; }
    public DateTime? EscalatedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public int? Satisfaction { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsEscalated => EscalatedAt is not null;

    // Overdue is a fact about now, not a stored state: an open ticket past its deadline, or a ticket
    // closed after it.
    public bool IsOverdue(DateTime nowUtc) => ClosedAt is { } closed ? closed > DeadlineAt : nowUtc > DeadlineAt;

    public void Replied(DateTime nowUtc)
    {
        RequireOpen();
        (Status, UpdatedAt) = (TicketStatus.InProgress, nowUtc);
        Version++;
    }

    // Routes the ticket up to the district of its place, whoever held it before.
    public void EscalateToDistrict(DateTime nowUtc)
    {
        RequireOpen();
        if (IsEscalated) throw new InvalidOperationException($"Ticket {Number} is already escalated.");
        (Route, RoutedDivisionCode, Department, EscalatedAt, UpdatedAt) = (TicketRoute.Division, DistrictCode, null, nowUtc, nowUtc);
        Version++;
    }

    public void Close(int satisfaction, DateTime nowUtc)
    {
        RequireOpen();
        if (satisfaction is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(satisfaction));
        (Status, Satisfaction, ClosedAt, UpdatedAt) = (TicketStatus.Closed, satisfaction, nowUtc, nowUtc);
        Version++;
    }

    private void RequireOpen()
    {
        if (Status == TicketStatus.Closed) throw new InvalidOperationException($"Ticket {Number} is closed.");
    }
}

// One line of a ticket's timeline: its opening, each reply, an escalation, the closure.
public sealed class TicketEntry
{
    private TicketEntry() { }

    public TicketEntry(Ticket ticket, TicketEntryKind kind, string? text, string? by, DateTime atUtc)
    {
        DistrictCode = ticket.DistrictCode;
        Id = Guid.CreateVersion7(new DateTimeOffset(atUtc, TimeSpan.Zero));
        TicketId = ticket.Id;
        Sequence = ticket.Version;
        DivisionCode = ticket.DivisionCode;
        Kind = kind;
        Text = text;
        By = by;
        At = atUtc;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    // The ticket's version once this step was taken: orders the timeline even within one instant.
    public int Sequence { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public TicketEntryKind Kind { get; private set; }
    public string? Text { get; private set; }
    public string? By { get; private set; }
    public DateTime At { get; private set; }
}

using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Tickets;

public sealed record TicketInput(string? Category, string? Place, string? Description, string? Urgency, string? Department);

public sealed record ReplyInput(string? Text);

public sealed record CloseInput(int? Satisfaction, string? Note);

public sealed record EscalateInput(string? Reason);

public sealed record TicketFilter(string? Status = null, string? Category = null, bool? Overdue = null, string? Division = null);

public sealed record TicketView(Guid Id, string Number, TicketCategory Category, string DivisionCode, string? PlaceName, string Description,
    TicketUrgency Urgency, DateTime CreatedAt, DateTime DeadlineAt, TicketRoute Route, string RoutedDivisionCode, string? RoutedName,
    string? Department, TicketStatus Status, bool Overdue, bool Escalated, DateTime? EscalatedAt, DateTime? ClosedAt, int? Satisfaction,
    string? CreatedBy, int Version)
{
    // Past its deadline, still open and still with the street or department: due to go up to the district.
    public bool EscalationDue => Overdue && !Escalated && Status != TicketStatus.Closed;
}

public sealed record TicketEntryView(TicketEntryKind Kind, string? Text, string? By, DateTime At);

public sealed record TicketDetails(TicketView Ticket, IReadOnlyList<TicketEntryView> Entries);

// The hotline desk: open a ticket for a place in the caller's jurisdiction (routed to the place's
// street or to a named department, with a deadline by urgency), reply, escalate to the district,
// close with the resident's satisfaction. Reads go through the jurisdiction filter; every write audits.
public sealed class TicketDesk(FangkongDb db, CurrentUser user, AuditLog audit, IOptions<TicketOptions> options, TimeProvider clock)
{
    public const int MaxText = 2000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IReadOnlyList<string> Departments => options.Value.Departments;

    public async Task<WriteOutcome<TicketDetails>> OpenAsync(TicketInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        TicketCategory category = default;
        if (string.IsNullOrWhiteSpace(input.Category)) errors.Add("category", "必填 / required");
        else if (!TryParse(input.Category, out category))
            errors.Add("category", $"未知类别，可选 {string.Join(", ", Enum.GetNames<TicketCategory>())} / unknown category");

        var urgency = TicketUrgency.Normal;
        if (!string.IsNullOrWhiteSpace(input.Urgency) && !TryParse(input.Urgency, out urgency))
            errors.Add("urgency", "只能是 Normal 或 Urgent / must be Normal or Urgent");

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0) errors.Add("description", "必填 / required");
        else if (description.Length > MaxText) errors.Add("description", $"最长 {MaxText} 字符 / at most {MaxText} characters");

        string? department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department.Trim();
        if (department is not null && !options.Value.Departments.Contains(department, StringComparer.Ordinal))
            errors.Add("department", $"不在部门清单中 / not a listed department ({string.Join("、", options.Value.Departments)})");

        var place = input.Place?.Trim() ?? "";
        if (place.Length == 0) errors.Add("place", "必填 / required");
        else if (!DivisionCodes.IsWellFormed(place) || place.Length < 9)
            errors.Add("place", "须为街道（9 位）或居委会（12 位）代码 / must be a street (9 digits) or committee (12 digits) code");
        else if (!await db.Divisions.AnyAsync(d => d.Code == place, ct))
            errors.Add("place", "没有这个区划代码 / no such division");
        if (errors.Any) return new WriteOutcome<TicketDetails>.Invalid(errors);

        if (!user.Jurisdiction.CoversDivision(place))
            return new WriteOutcome<TicketDetails>.Forbidden(new FieldErrors().Add("place", "地点不在您的管辖范围内 / the place is outside your jurisdiction"));

        var now = Now;
        var id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero));
        var ticket = Ticket.Open(id, NumberFor(id, now), category, place, description, urgency, now + options.Value.AllowedTime(urgency), department, user.UserName, now);
        db.Tickets.Add(ticket);
        db.TicketEntries.Add(new TicketEntry(ticket, TicketEntryKind.Created, null, user.UserName, now));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("tickets.open", AuditOutcome.Success, "ticket", ticket.Id.ToString(),
            $"{ticket.Number} {ticket.Category} {ticket.DivisionCode} → {ticket.Department ?? ticket.RoutedDivisionCode}"), ct);
        return new WriteOutcome<TicketDetails>.Done((await FindAsync(id, ct))!);
    }

    public Task<WriteOutcome<TicketDetails>> ReplyAsync(Guid id, int expectedVersion, ReplyInput input, CancellationToken ct)
    {
        var text = input.Text?.Trim() ?? "";
        return StepAsync(id, expectedVersion, "reply", (ticket, errors) =>
        {
            if (text.Length == 0) errors.Add("text", "必填 / required");
            else if (text.Length > MaxText) errors.Add("text", $"最长 {MaxText} 字符 / at most {MaxText} characters");
            if (errors.Any) return null;
            ticket.Replied(Now);
            return new TicketEntry(ticket, TicketEntryKind.Reply, text, user.UserName, Now);
        }, ct);
    }

    public Task<WriteOutcome<TicketDetails>> EscalateAsync(Guid id, int expectedVersion, EscalateInput input, CancellationToken ct)
    {
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        return StepAsync(id, expectedVersion, "escalate", (ticket, errors) =>
        {
            if (ticket.IsEscalated) errors.Add("status", "已升级到区 / already escalated to the district");
            if (reason is { Length: > MaxText }) errors.Add("reason", $"最长 {MaxText} 字符 / at most {MaxText} characters");
            if (errors.Any) return null;
            ticket.EscalateToDistrict(Now);
            return new TicketEntry(ticket, TicketEntryKind.Escalated, reason, user.UserName, Now);
        }, ct);
    }

    public Task<WriteOutcome<TicketDetails>> CloseAsync(Guid id, int expectedVersion, CloseInput input, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        return StepAsync(id, expectedVersion, "close", (ticket, errors) =>
        {
            if (input.Satisfaction is null) errors.Add("satisfaction", "必填，1–5 / required, 1 to 5");
            else if (input.Satisfaction is < 1 or > 5) errors.Add("satisfaction", "须为 1–5 / must be 1 to 5");
            if (note is { Length: > MaxText }) errors.Add("note", $"最长 {MaxText} 字符 / at most {MaxText} characters");
            if (errors.Any) return null;
            ticket.Close(input.Satisfaction!.Value, Now);
            return new TicketEntry(ticket, TicketEntryKind.Closed, note, user.UserName, Now);
        }, ct);
    }

    public async Task<Page<TicketView>> ListAsync(TicketFilter filter, Paging paging, CancellationToken ct)
    {
        var now = Now;
        var q = db.Tickets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Status) && TryParse<TicketStatus>(filter.Status, out var status)) q = q.Where(t => t.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Category) && TryParse<TicketCategory>(filter.Category, out var category)) q = q.Where(t => t.Category == category);
        if (!string.IsNullOrWhiteSpace(filter.Division) && DivisionCodes.IsWellFormed(filter.Division.Trim()))
        {
            var prefix = filter.Division.Trim();
            q = q.Where(t => t.DivisionCode.StartsWith(prefix));
        }
        if (filter.Overdue == true) q = q.Where(t => t.Status != TicketStatus.Closed && t.DeadlineAt < now);
        var total = await q.CountAsync(ct);
        var tickets = await q.OrderBy(t => t.Status == TicketStatus.Closed).ThenBy(t => t.DeadlineAt).ThenBy(t => t.Number)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<TicketView>(await ViewsAsync(tickets, ct), paging.Page, paging.PageSize, total);
    }

    public async Task<TicketDetails?> FindAsync(Guid id, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return null;
        var entries = await db.TicketEntries.AsNoTracking().Where(e => e.TicketId == id && e.DistrictCode == ticket.DistrictCode)
            .OrderBy(e => e.Sequence).Select(e => new TicketEntryView(e.Kind, e.Text, e.By, e.At)).ToListAsync(ct);
        return new TicketDetails((await ViewsAsync([ticket], ct))[0], entries);
    }

    // One step on an open ticket: find it (404 out of scope), check the version and that it is still
    // open, let the step validate and change it, and save the ticket with its timeline entry.
    private async Task<WriteOutcome<TicketDetails>> StepAsync(Guid id, int expectedVersion, string action,
        Func<Ticket, FieldErrors, TicketEntry?> step, CancellationToken ct)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null) return new WriteOutcome<TicketDetails>.NotFound();
        if (ticket.Version != expectedVersion) return new WriteOutcome<TicketDetails>.Stale(ticket.Version);
        if (!user.Jurisdiction.CoversDivision(ticket.DivisionCode))
            return new WriteOutcome<TicketDetails>.Forbidden(new FieldErrors().Add("ticket", "不在您的管辖范围内 / outside your jurisdiction"));
        var errors = new FieldErrors();
        if (ticket.Status == TicketStatus.Closed)
            return new WriteOutcome<TicketDetails>.Invalid(errors.Add("status", $"{ticket.Number} 已办结 / is closed"));
        var entry = step(ticket, errors);
        if (errors.Any || entry is null) return new WriteOutcome<TicketDetails>.Invalid(errors);
        db.TicketEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == id, ct);
            return new WriteOutcome<TicketDetails>.Stale(current.Version);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("tickets." + action, AuditOutcome.Success, "ticket", ticket.Id.ToString(),
            $"{ticket.Number} {ticket.Status} → {ticket.Department ?? ticket.RoutedDivisionCode}"), ct);
        return new WriteOutcome<TicketDetails>.Done((await FindAsync(id, ct))!);
    }

    private async Task<List<TicketView>> ViewsAsync(List<Ticket> tickets, CancellationToken ct)
    {
        var codes = tickets.SelectMany(t => new[] { t.DivisionCode, t.RoutedDivisionCode }).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var now = Now;
        return tickets.Select(t => new TicketView(t.Id, t.Number, t.Category, t.DivisionCode, names.GetValueOrDefault(t.DivisionCode), t.Description,
            t.Urgency, t.CreatedAt, t.DeadlineAt, t.Route, t.RoutedDivisionCode, names.GetValueOrDefault(t.RoutedDivisionCode), t.Department,
            t.Status, t.IsOverdue(now), t.IsEscalated, t.EscalatedAt, t.ClosedAt, t.Satisfaction, t.CreatedBy, t.Version)).ToList();
    }

    // 12345-yyyyMMdd-XXXXXX: the day (China time) and the random tail of the id.
    public static string NumberFor(Guid id, DateTime nowUtc) =>
        $"12345-{Platform.Localization.ChinaTime.FromUtc(nowUtc):yyyyMMdd}-{id.ToString("N")[^6..].ToUpperInvariant()}";

    // Names only: Enum.TryParse would also accept "7" or "1,2".
    internal static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }
}

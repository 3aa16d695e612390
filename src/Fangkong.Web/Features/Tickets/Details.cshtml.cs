using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Tickets;

// One ticket: its timeline, and for an open ticket the reply, escalate and close forms.
public sealed class DetailsModel(TicketDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int? Satisfaction { get; set; }

    public TicketDetails? Details { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.HandleTickets)) return Forbidden();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostReplyAsync(CancellationToken ct) =>
        StepAsync("reply", () => desk.ReplyAsync(Id, Version, new ReplyInput(Text), ct), ct);

    public Task<IActionResult> OnPostEscalateAsync(CancellationToken ct) =>
        StepAsync("escalate", () => desk.EscalateAsync(Id, Version, new EscalateInput(Text), ct), ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        StepAsync("close", () => desk.CloseAsync(Id, Version, new CloseInput(Satisfaction, Text), ct), ct);

    private async Task<IActionResult> StepAsync(string step, Func<Task<Platform.Api.WriteOutcome<TicketDetails>>> act, CancellationToken ct)
    {
        if (!user.Has(Permission.HandleTickets)) return Forbidden();
        var outcome = await act();
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, _ =>
        {
            Done = step;
            ModelState.Remove(nameof(Text));
            Text = null;
            return Page();
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await desk.FindAsync(Id, ct);
        if (Details is null) return false;
        ModelState.Remove(nameof(Version));
        Version = Details.Ticket.Version;
        return true;
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Tickets;

// The hotline desk: tickets in scope, open and overdue first, and the form to open a new one.
public sealed class IndexModel(TicketDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNo { get; set; } = 1;
    [BindProperty] public TicketForm Form { get; set; } = new();

    public Page<TicketView> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyList<string> Departments => desk.Departments;
    public string? Home => user.Jurisdiction.DivisionPrefix;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.HandleTickets)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.HandleTickets)) return Forbidden();
        var outcome = await desk.OpenAsync(new TicketInput(Form.Category, Form.Place, Form.Description, Form.Urgency, Form.Department), ct);
        await LoadAsync(ct);
        return Show(outcome, t => Redirect($"/Tickets/Details/{t.Ticket.Id}"));
    }

    public string QueryFor(int page) =>
        $"?status={Uri.EscapeDataString(Status ?? "")}&category={Uri.EscapeDataString(Category ?? "")}&overdue={Overdue.ToString().ToLowerInvariant()}&pageNo={page}";

    private async Task LoadAsync(CancellationToken ct) =>
        Result = await desk.ListAsync(new TicketFilter(Status, Category, Overdue ? true : null), Paging.From(PageNo, 50), ct);

    public sealed class TicketForm
    {
        public string? Category { get; set; }
        public string? Place { get; set; }
        public string? Description { get; set; }
        public string? Urgency { get; set; }
        public string? Department { get; set; }
    }
}

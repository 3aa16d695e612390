using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Investigation;

// The investigators' desk: cases in scope, overdue investigations first, and the form to open a case.
public sealed class IndexModel(CaseDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = nameof(CaseStatus.Active);
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNo { get; set; } = 1;
    [BindProperty] public CaseForm Form { get; set; } = new();

    public Page<CaseView> Result { get; private set; } = new([], 1, 50, 0);
    public bool CanInvestigate => user.Has(Permission.Investigate);
    public string? Home => user.Jurisdiction.DivisionPrefix;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewInvestigation)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.Investigate)) return Forbidden();
        var outcome = await desk.OpenAsync(new CaseInput(null, Form.Name, Form.IdNumber, Form.Phone, Form.DivisionCode, Form.Category, Form.Severity,
            Form.OnsetDate, Form.DetectedAt is { } local ? Platform.Localization.ChinaTime.ToUtc(local) : null, Form.Route, null, null), ct);
        await LoadAsync(ct);
        return Show(outcome, c => Redirect($"/Investigation/Case/{c.Case.Id}"));
    }

    public string QueryFor(int page) =>
        $"?category={Uri.EscapeDataString(Category ?? "")}&status={Uri.EscapeDataString(Status ?? "")}&overdue={Overdue.ToString().ToLowerInvariant()}&mine={Mine.ToString().ToLowerInvariant()}&pageNo={page}";

    private async Task LoadAsync(CancellationToken ct) =>
        Result = await desk.ListAsync(new CaseFilter(Category, Status, Overdue ? true : null, null, Number, Mine ? true : null), Paging.From(PageNo, 50), ct);

    public sealed class CaseForm
    {
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? DivisionCode { get; set; }
        public string? Category { get; set; } = nameof(CaseCategory.Confirmed);
        public string? Severity { get; set; } = nameof(Treatment.Severity.Mild);
        public DateOnly? OnsetDate { get; set; }
        public DateTime? DetectedAt { get; set; }
        public string? Route { get; set; } = nameof(DetectionRoute.FeverClinic);
    }
}

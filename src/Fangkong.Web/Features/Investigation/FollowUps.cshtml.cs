using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Investigation;

// The follow-up team's day: every follow-up due up to today where the contacts live (overdue first),
// each recorded in place, and the workload by area underneath.
public sealed class FollowUpsModel(ContactTracing tracing, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty] public Guid FollowUpId { get; set; }
    [BindProperty] public bool Symptoms { get; set; }
    [BindProperty] public decimal? Temperature { get; set; }
    [BindProperty] public string? Test { get; set; }
    [BindProperty] public string? Note { get; set; }

    public IReadOnlyList<FollowUpView> Due { get; private set; } = [];
    public IReadOnlyList<WorkloadRow> Workload { get; private set; } = [];
    public string? Done { get; private set; }
    public string Scope { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.FollowUpContacts)) return Forbidden();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.FollowUpContacts)) return Forbidden();
        var outcome = await tracing.RecordFollowUpAsync(FollowUpId, new FollowUpInput(Symptoms, Note, Temperature, string.IsNullOrEmpty(Test) ? null : Test), ct);
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, c =>
        {
            Done = c.Status == ContactStatus.TurnedPositive ? "positive" : "recorded";
            ModelState.Clear();
            return Page();
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (InvestigationApi.Scoped(user, Division) is not { } scope) return false;
        Scope = scope;
        Due = await tracing.DueAsync(scope, Overdue, 300, ct);
        Workload = await tracing.WorkloadAsync(scope, ct);
        return true;
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Treatment;

// One patient's episode: the event timeline, test results, whether the discharge rule is met, and
// for severe and critical patients the care plan (一病例一方案).
public sealed class PatientModel(TreatmentBoard board, PatientFlow flow, WardAdmin admin, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Severity { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public string? Items { get; set; }
    [BindProperty] public DateOnly? NextReview { get; set; }
    [BindProperty] public int PlanVersion { get; set; }

    public PatientDetails? Details { get; private set; }
    public string? Done { get; private set; }
    public bool CanManage => user.Has(Permission.ManagePatients);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewTreatment)) return Forbidden();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSeverityAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbidden();
        var outcome = await flow.ChangeSeverityAsync(Id, Version, Severity, ct);
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, _ => { Done = "severity"; return Page(); });
    }

    public async Task<IActionResult> OnPostCarePlanAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbidden();
        var outcome = await admin.SaveCarePlanAsync(Id, PlanVersion, new CarePlanInput(Team, Items, NextReview), ct);
        if (!await LoadAsync(ct)) return NotFound();
        if (outcome is WriteOutcome<CarePlanDto>.Stale) ModelState.Remove(nameof(PlanVersion));
        return Show(outcome, _ => { Done = "carePlan"; return Page(); });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await board.DetailsAsync(Id, ct);
        if (Details is null) return false;
        ModelState.Remove(nameof(Version));
        Version = Details.Patient.Version;
        if (Details.CarePlan is { } plan && ModelState.IsValid)
        {
            ModelState.Remove(nameof(Team));
            ModelState.Remove(nameof(Items));
            ModelState.Remove(nameof(NextReview));
            ModelState.Remove(nameof(PlanVersion));
            (Team, Items, NextReview, PlanVersion) = (plan.Team, plan.Items, plan.NextReview, plan.Version);
        }
        return true;
    }
}

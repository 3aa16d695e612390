using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Supplies.Plans;

public sealed class DetailsModel(SupplyPlanning planning, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Guid? SourceId { get; set; }
    [BindProperty] public Guid? SiteId { get; set; }
    [BindProperty] public long? Units { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true)] public int? Priority { get; set; }
    public PlanView Plan { get; private set; } = null!;
    // Kept from before an adjustment, so the page can show its effect.
    public PlanView? Before { get; private set; }
    public bool Approved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.PlanSupplies)) return Forbidden();
        var plan = await planning.ViewAsync(Id, ct);
        if (plan is null) return NotFound();
        Plan = plan;
        Version = plan.Version;
        return Page();
    }

    public Task<IActionResult> OnPostAdjustAsync(CancellationToken ct) =>
        ActAsync(() => planning.AdjustAsync(Id, Version, new PlanAdjustment(SourceId, SiteId, Units), ct), ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => ActAsync(() => planning.ApproveAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostDiscardAsync(CancellationToken ct) => ActAsync(() => planning.DiscardAsync(Id, Version, ct), ct);

    private async Task<IActionResult> ActAsync(Func<Task<Platform.Api.WriteOutcome<PlanView>>> act, CancellationToken ct)
    {
        if (!user.Has(Permission.PlanSupplies)) return Forbidden();
        var before = await planning.ViewAsync(Id, ct);
        if (before is null) return NotFound();
        var outcome = await act();
        Plan = (await planning.ViewAsync(Id, ct))!;
        return Show(outcome, after =>
        {
            Before = before;
            Plan = after;
            ModelState.Remove(nameof(Version));
            Version = after.Version;
            Approved = after.Status == "Approved" && before.Status != "Approved";
            return Page();
        });
    }
}

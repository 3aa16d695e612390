using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Treatment.Placement;

public sealed class DetailsModel(Placements placements, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Guid? PatientId { get; set; }
    [BindProperty] public Guid? WardId { get; set; }
    public PlacementView View { get; private set; } = null!;
    public bool Approved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.PlacePatients)) return Forbidden();
        var view = await placements.ViewAsync(Id, ct);
        if (view is null) return NotFound();
        (View, Version) = (view, view.Version);
        return Page();
    }

    public Task<IActionResult> OnPostAdjustAsync(CancellationToken ct) => ActAsync(() => placements.AdjustAsync(Id, Version, new PlacementChange(PatientId, WardId), ct), ct);
    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => ActAsync(() => placements.ApproveAsync(Id, Version, ct), ct);
    public Task<IActionResult> OnPostDiscardAsync(CancellationToken ct) => ActAsync(() => placements.DiscardAsync(Id, Version, ct), ct);

    private async Task<IActionResult> ActAsync(Func<Task<WriteOutcome<PlacementView>>> act, CancellationToken ct)
    {
        if (!user.Has(Permission.PlacePatients)) return Forbidden();
        var outcome = await act();
        var current = await placements.ViewAsync(Id, ct);
        if (current is null) return NotFound();
        View = current;
        return Show(outcome, after =>
        {
            View = after;
            ModelState.Remove(nameof(Version));
            Version = after.Version;
            Approved = after.Status == "Approved";
            return Page();
        });
    }
}

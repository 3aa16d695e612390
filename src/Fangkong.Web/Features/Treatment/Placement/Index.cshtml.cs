using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Treatment.Placement;

public sealed class IndexModel(Placements placements, CurrentUser user) : RecordFormPage
{
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public string? WardScope { get; set; }
    public List<PlacementSummary> Batches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.PlacePatients)) return Forbidden();
        Scope = user.Jurisdiction.DivisionPrefix;
        Batches = await placements.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.PlacePatients)) return Forbidden();
        var outcome = await placements.RunAsync(new PlacementRequest(Scope, WardScope), ct);
        Batches = await placements.ListAsync(ct);
        return Show(outcome, b => Redirect($"/Treatment/Placement/{b.Id}"));
    }
}

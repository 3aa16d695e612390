using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Investigation;

// Clusters touching the caller's area (growing first) and where sources are still unknown.
public sealed class ChainsModel(TransmissionChains chains, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int MinCases { get; set; } = 2;
    public IReadOnlyList<ClusterSummary> Clusters { get; private set; } = [];
    public IReadOnlyList<SourceShare> Unknown { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewInvestigation)) return StatusCode(StatusCodes.Status403Forbidden);
        if (InvestigationApi.Scoped(user, Division) is not { } scope) return NotFound();
        Clusters = await chains.ClustersAsync(scope, Math.Max(1, MinCases), ct);
        Unknown = await chains.UnknownSourceAsync(scope, 14, ct);
        return Page();
    }
}

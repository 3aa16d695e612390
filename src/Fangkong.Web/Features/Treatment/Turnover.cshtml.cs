using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Treatment;

public sealed class TurnoverModel(Turnover turnover, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }

    public TurnoverReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewTreatment)) return StatusCode(StatusCodes.Status403Forbidden);
        var division = Division?.Trim();
        if (!string.IsNullOrEmpty(division) && !user.Jurisdiction.Everything && !user.Jurisdiction.CoversDivision(division)) division = null;
        Report = await turnover.ReportAsync(division, ct);
        return Page();
    }
}

using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Surveillance;

// The situation of one division: its epidemic curve, growth, reproduction number, scenarios and warnings.
public sealed class IndexModel(EpidemicCurves curves, DivisionDirectory divisions, CurrentUser user, IOptions<PlatformOptions> options) : PageModel
{
    public DivisionDto Division { get; private set; } = null!;
    public IReadOnlyList<DivisionDto> Ancestors { get; private set; } = [];
    public IReadOnlyList<DivisionDto> Children { get; private set; } = [];
    public Curve Curve { get; private set; } = null!;
    public bool CanEnter => user.Has(Permission.EditReports);
    public bool CanImport => user.Has(Permission.ImportReports);

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewReports)) return StatusCode(StatusCodes.Status403Forbidden);
        code ??= user.Jurisdiction.DivisionPrefix ?? options.Value.DemoCity;
        var division = await divisions.GetAsync(code, ct);
        if (division is null) return NotFound();
        Division = division;
        Ancestors = await divisions.AncestorsAsync(code, ct);
        Children = division.Level < Fangkong.Core.Divisions.DivisionLevel.Street ? await divisions.ChildrenAsync(code, ct) : [];
        Curve = await curves.ForAsync(code, null, null, ct);
        return Page();
    }
}

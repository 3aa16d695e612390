using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Treatment;

// The bed picture of a city or district: beds by level, free beds and occupancy for each child
// division (a map of the districts at city level) and each facility. A facility-bound bed manager
// has one hospital, so it lands on that hospital's bed board.
public sealed class IndexModel(TreatmentBoard board, DivisionDirectory divisions, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }

    public Capacity? Capacity { get; private set; }
    public IReadOnlyList<DivisionDto> Ancestors { get; private set; } = [];
    public string? MapName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewTreatment)) return StatusCode(StatusCodes.Status403Forbidden);
        if (user.Jurisdiction.FacilityId is { } own && user.Jurisdiction.DivisionPrefix is null && !user.Jurisdiction.Everything)
            return Redirect($"/Treatment/Facility/{own}");
        var division = Division?.Trim();
        if (!string.IsNullOrEmpty(division) && !user.Jurisdiction.Everything && !user.Jurisdiction.CoversDivision(division)) division = null;
        Capacity = await board.CapacityAsync(division, ct);
        if (Capacity is null) return Page();
        Ancestors = (await divisions.AncestorsAsync(Capacity.DivisionCode, ct)).Where(a => a.Code.Length >= 4 && a.Code != Capacity.DivisionCode).ToList();
        MapName = Capacity.DivisionCode.Length == 4 ? ProvinceMaps.DistrictMapFor(Capacity.DivisionCode) : null;
        return Page();
    }

    public static string OccupancyClass(double? occupancy) => occupancy switch
    {
        null => "",
        > Turnover.FullOccupancy => "days-critical",
        > 85 => "days-high",
        > 70 => "days-warning",
        _ => "",
    };
}

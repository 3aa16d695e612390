using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Facilities;

public sealed class IndexModel(FacilityRegistry registry, DivisionDirectory divisions, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public FacilityKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<FacilityDto> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyDictionary<string, string> DivisionNames { get; private set; } = new Dictionary<string, string>();
    public string? DivisionName { get; private set; }
    public bool CanEdit => user.Has(Permission.EditFacilities);
    public bool CanImport => user.Has(Permission.ImportFacilities);
    public bool CanExport => user.Has(Permission.ExportFacilities);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewFacilities)) return Forbid();
        Result = await registry.ListAsync(new FacilityFilter(Kind, Division, Q), Paging.From(PageNumber, 50), ct);
        var codes = Result.Items.Select(f => f.DivisionCode).Concat(Result.Items.Select(f => f.DistrictCode)).Distinct().ToList();
        DivisionNames = await divisions.NamesAsync(codes, ct);
        if (!string.IsNullOrWhiteSpace(Division))
            DivisionName = (await divisions.GetAsync(Division.Trim(), ct))?.Name;
        return Page();
    }

    public string QueryFor(int page) =>
        $"?kind={Kind}&division={Uri.EscapeDataString(Division ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&page={page}";

    public string ExportQuery(string format) =>
        $"/api/facilities/export?format={format}&kind={Kind}&division={Uri.EscapeDataString(Division ?? "")}&q={Uri.EscapeDataString(Q ?? "")}";
}

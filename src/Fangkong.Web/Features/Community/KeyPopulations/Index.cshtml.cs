using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Community.KeyPopulations;

public sealed class IndexModel(KeyPopulationRegister register, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int? MinAge { get; set; }
    [BindProperty(SupportsGet = true)] public bool Unvaccinated { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    public Page<KeyResidentRow> Result { get; private set; } = new([], 1, 50, 0);
    public List<SurveyProgress> Progress { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageKeyPopulations)) return StatusCode(StatusCodes.Status403Forbidden);
        Result = await register.ListAsync(new KeyResidentFilter(Division, MinAge, Unvaccinated ? true : null, null, Overdue ? true : null), Paging.From(PageNumber, 50), ct);
        var scope = !string.IsNullOrWhiteSpace(Division) && user.Jurisdiction.CoversDivision(Division.Trim()) ? Division.Trim() : user.Jurisdiction.DivisionPrefix;
        if (scope is not null) Progress = await register.ProgressAsync(scope, ct);
        return Page();
    }

    public string QueryFor(int page) =>
        $"?division={Uri.EscapeDataString(Division ?? "")}&minAge={MinAge}&unvaccinated={Unvaccinated}&overdue={Overdue}&page={page}";
}

using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Investigation;

public sealed class FourCategoriesModel(FourCategories board, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    public FourCategoriesBoard? Board { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewInvestigation)) return StatusCode(StatusCodes.Status403Forbidden);
        if (InvestigationApi.Scoped(user, Division) is not { } scope) return NotFound();
        Board = await board.BoardAsync(scope, ct);
        return Page();
    }
}

using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.BreakGlass;

// The auditor's list of break-the-glass grants: who, which division, why, from when until when.
public sealed class IndexModel(BreakGlassDesk desk, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<BreakGlassView> Result { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // 403 rather than Forbid(), which the cookie scheme turns into a redirect to the login page.
        if (!user.Has(Permission.ViewAudit)) return StatusCode(StatusCodes.Status403Forbidden);
        Result = await desk.ListAsync(null, Paging.From(PageNumber, 50), ct);
        return Page();
    }
}

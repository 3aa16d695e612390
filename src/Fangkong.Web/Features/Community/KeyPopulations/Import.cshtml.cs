using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Community.KeyPopulations;

public sealed class ImportModel(CurrentUser user) : PageModel
{
    public IActionResult OnGet() => user.Has(Permission.ManageKeyPopulations) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
}

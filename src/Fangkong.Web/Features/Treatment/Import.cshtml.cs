using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Treatment;

// The upload form; the import itself is the API's (POST /api/treatment/positives/import).
public sealed class ImportModel(CurrentUser user) : PageModel
{
    public IActionResult OnGet() => user.Has(Permission.ManagePatients) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
}

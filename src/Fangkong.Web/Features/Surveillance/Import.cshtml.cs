using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Surveillance;

// The upload form; the import is the API's (POST /api/surveillance/reports/import).
public sealed class ImportModel(CurrentUser user) : PageModel
{
    public IActionResult OnGet() => user.Has(Permission.ImportReports) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
}

using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Facilities;

// The upload form; the import itself is the API's (POST /api/facilities/import), so a script and a
// person get the same validation and the same row-by-row report.
public sealed class ImportModel(CurrentUser user) : PageModel
{
    public IActionResult OnGet() => user.Has(Permission.ImportFacilities) ? Page() : Forbid();
}

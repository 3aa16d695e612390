using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Screening;

// A laboratory's upload of tube results as a spreadsheet (the API takes batches of the same).
public sealed class ResultsModel(CurrentUser user) : PageModel
{
    public IActionResult OnGet() => user.Has(Permission.PostScreeningResults) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
}

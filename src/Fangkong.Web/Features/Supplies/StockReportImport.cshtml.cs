using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Supplies;

// The upload form for daily stock reports; the import is the API's (POST /api/supplies/stock-reports/import),
// so a script and a person get the same checks and the same row-by-row report.
public sealed class StockReportImportModel(CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "facility")] public Guid? FacilityId { get; set; }

    public IActionResult OnGet() => user.Has(Permission.RecordStock) ? Page() : StatusCode(StatusCodes.Status403Forbidden);
}

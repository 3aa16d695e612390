using Fangkong.Web.Platform;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Overview;

// The city overview and its drill-down: city → district → street → committee.
public sealed class IndexModel(OverviewService overview, CurrentUser user, FangkongDb db, IOptions<PlatformOptions> options) : PageModel
{
    public OverviewDto? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewFacilities))
            return user.Has(Permission.ViewAudit) ? Redirect("/AuditTrail") : user.Has(Permission.ManageUsers) ? Redirect("/Accounts/Users") : Forbid();
        code ??= await HomeDivisionAsync(ct);
        Data = code is null ? null : await overview.GetAsync(code, ct);
        if (Data is null) return NotFound();
        return Page();
    }

    // Each user starts at their own jurisdiction; city-wide users at the configured city.
    private async Task<string?> HomeDivisionAsync(CancellationToken ct)
    {
        var j = user.Jurisdiction;
        if (j.DivisionPrefix is { } prefix) return prefix;
        if (j.FacilityId is { } facilityId)
            return await db.Facilities.Where(f => f.Id == facilityId).Select(f => f.DistrictCode).FirstOrDefaultAsync(ct);
        return await db.Divisions.AnyAsync(d => d.Code == options.Value.DemoCity, ct)
            ? options.Value.DemoCity
            : await db.Divisions.Where(d => d.Level == Fangkong.Core.Divisions.DivisionLevel.City).OrderBy(d => d.Code).Select(d => d.Code).FirstOrDefaultAsync(ct);
    }
}

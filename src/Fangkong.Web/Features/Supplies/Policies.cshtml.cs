using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Supplies;

public sealed class PoliciesModel(StockPolicies policies, StockQueries queries, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "facility")] public Guid? FacilityId { get; set; }

    public Facility? Facility { get; private set; }
    public List<PolicyDto> Rows { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    public Guid? ErrorProduct { get; private set; }
    public bool Saved { get; private set; }
    public bool CanEdit => user.Has(Permission.ManageCatalogue);

    public async Task<IActionResult> OnGetAsync(bool? saved, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewSupplies)) return Forbid();
        FacilityId ??= user.Jurisdiction.FacilityId;
        if (FacilityId is null) return Redirect("/Supplies/Stock");
        Saved = saved == true;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid productId, long? reserveUnits, long? dailyCapacityUnits, int? hoursPerDay, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var outcome = await policies.SetAsync(new PolicyInput(FacilityId, productId, reserveUnits, dailyCapacityUnits, hoursPerDay), ct);
        switch (outcome)
        {
            case WriteOutcome<PolicyDto>.Done:
                return Redirect($"/Supplies/Policies?facility={FacilityId}&saved=true");
            case WriteOutcome<PolicyDto>.Invalid invalid:
                Errors = invalid.Errors;
                ErrorProduct = productId;
                return await LoadAsync(ct);
            default:
                return Forbid();
        }
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Facility = await queries.FindNodeAsync(FacilityId!.Value, ct);
        if (Facility is null) return NotFound();
        Rows = await policies.ListAsync(Facility.Id, ct) ?? [];
        return Page();
    }
}

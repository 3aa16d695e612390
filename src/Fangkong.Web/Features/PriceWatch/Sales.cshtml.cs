using Fangkong.Web.Features.Supplies;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.PriceWatch;

// A pharmacy reports one sale. The buyer's ID number is posted once, hashed by the service and never
// written back into the page: after a success the browser is redirected (no re-post, no echo), and
// after an error the field comes back empty.
public sealed class SalesModel(PriceWatchService watch, Catalogue catalogue, FangkongDb db, CurrentUser user) : Shared.RecordFormPage
{
    [BindProperty] public SaleForm Form { get; set; } = new();
    public List<ProductDto> Products { get; private set; } = [];
    public string? FacilityName { get; private set; }
    public bool OwnFacility => user.Jurisdiction.FacilityId is not null;
    public bool Enabled => watch.ReportingEnabled;
    [BindProperty(SupportsGet = true)] public int? Recorded { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ReportSales)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ReportSales)) return Forbidden();
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(ct);
        if (!watch.ReportingEnabled) return Page();
        var outcome = await watch.ReportAsync(SalesReport.One(Form.ToInput(OwnFacility ? user.Jurisdiction.FacilityId : null)), ct);
        Form.BuyerIdNumber = null;
        ModelState.Remove("Form.BuyerIdNumber");
        return Show(outcome, r => Redirect($"/PriceWatch/Sales?recorded={r.Accepted}"));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Products = await catalogue.ListAsync(false, ct);
        if (user.Jurisdiction.FacilityId is { } id)
            FacilityName = await db.Facilities.AsNoTracking().Where(f => f.Id == id).Select(f => f.Name).FirstOrDefaultAsync(ct);
    }

    public sealed class SaleForm
    {
        public Guid? FacilityId { get; set; }
        public string? ProductCode { get; set; }
        public long? Quantity { get; set; }
        public decimal? UnitPrice { get; set; }
        public string? BuyerIdNumber { get; set; }

        public SaleInput ToInput(Guid? ownFacility) => new(ownFacility ?? FacilityId, null, ProductCode, Quantity, UnitPrice, BuyerIdNumber, null);
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies.Plans;

public sealed class IndexModel(SupplyPlanning planning, Catalogue catalogue, CurrentUser user, IOptions<SupplyOptions> options) : RecordFormPage
{
    [BindProperty] public PlanForm Form { get; set; } = new();
    public List<PlanSummary> Plans { get; private set; } = [];
    public List<ProductDto> Products { get; private set; } = [];

    public sealed class PlanForm
    {
        public Guid? ProductId { get; set; }
        public string? Scope { get; set; }
        public string? Basis { get; set; } = "consumption";
        public int? HorizonDays { get; set; }
        public int? SafetyDays { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? productId, CancellationToken ct)
    {
        if (!user.Has(Permission.PlanSupplies)) return Forbidden();
        Form = new PlanForm
        {
            ProductId = productId, Scope = user.Jurisdiction.DivisionPrefix,
            HorizonDays = options.Value.DefaultHorizonDays, SafetyDays = options.Value.DefaultSafetyDays,
        };
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.PlanSupplies)) return Forbidden();
        var outcome = await planning.RunAsync(new PlanRequest(Form.ProductId, null, Form.Scope, Form.Basis, Form.HorizonDays, Form.SafetyDays), ct);
        await LoadAsync(ct);
        return Show(outcome, plan => Redirect($"/Supplies/Plans/{plan.Id}"));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Plans = await planning.ListAsync(50, ct);
        Products = await catalogue.ListAsync(false, ct);
    }
}

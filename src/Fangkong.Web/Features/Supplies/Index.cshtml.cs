using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies;

// The supplies board: for one product, days of supply by district (or street), what the sources can
// release, deliveries under way, and run-out warnings. Scoped like everything else.
public sealed class IndexModel(Catalogue catalogue, StockQueries stock, SupplyNeeds needs, Deliveries deliveries, SupplyWarnings warnings,
    DivisionDirectory divisions, CurrentUser user, IOptions<SupplyOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? ProductId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }

    public List<ProductDto> Products { get; private set; } = [];
    public ProductDto? Product { get; private set; }
    public DivisionSupplyBoard? Board { get; private set; }
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public long SourceAvailable { get; private set; }
    public long SourceOnHand { get; private set; }
    public int SourceCount { get; private set; }
    public Dictionary<string, (int Orders, long Units)> Orders { get; private set; } = [];
    public List<Surveillance.Warning> Warnings { get; private set; } = [];
    public string Scope { get; private set; } = "";
    public string? ScopeName { get; private set; }
    public bool CanPlan => user.Has(Permission.PlanSupplies);
    public SupplyOptions Options => options.Value;
    public int WindowDays => stock.WindowDays;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewSupplies)) return StatusCode(StatusCodes.Status403Forbidden);
        // A facility-bound account has its own stock page; the board is about divisions.
        if (user.Jurisdiction.FacilityId is { } own && user.Jurisdiction.DivisionPrefix is null)
            return Redirect($"/Supplies/Stock?facility={own}");
        Products = await catalogue.ListAsync(false, ct);
        Product = Products.FirstOrDefault(p => p.Id == ProductId) ?? Products.FirstOrDefault(p => p.Code == "IBU-300") ?? Products.FirstOrDefault();
        var home = user.Jurisdiction.DivisionPrefix ?? "";
        Scope = !string.IsNullOrWhiteSpace(Division) && StockQueries.IsPrefix(Division) && user.Jurisdiction.CoversDivision(Division.Trim())
            ? Division.Trim() : home;
        if (Product is null || Scope.Length == 0) return Page();
        ScopeName = (await divisions.GetAsync(Scope, ct))?.Name;
        Board = await stock.DaysOfSupplyByDivisionAsync(Product.Id, Scope, ct);
        Names = await divisions.NamesAsync(Board.Children.Select(c => c.DivisionCode).ToList(), ct);
        var catalogueEntry = await catalogue.FindAsync(Product.Id, ct);
        var sources = await needs.SourcesAsync(catalogueEntry!, Scope, ct);
        (SourceCount, SourceOnHand, SourceAvailable) = (sources.Count, sources.Sum(s => s.OnHand), sources.Sum(s => s.Available));
        Orders = await deliveries.CountsAsync(null, ct);
        Warnings = (await warnings.WarningsAsync(Scope, ct)).OrderBy(w => w.DaysUntil).ToList();
        return Page();
    }

    public string DaysClass(double? days) => days switch
    {
        null => "",
        var d when d < Options.CriticalDaysOfSupply => "days-critical",
        var d when d < Options.HighDaysOfSupply => "days-high",
        var d when d < Options.WarningDaysOfSupply => "days-warning",
        _ => "",
    };
}

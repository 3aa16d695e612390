using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Supplies;

// The ledger of one stock node: on-hand per product and lot, days of supply, the latest movements,
// and a form that records a movement through StockLedger.RecordAsync (the same use case as
// POST /api/supplies/movements). An account bound to one facility lands on it.
public sealed class StockModel(StockQueries queries, StockLedger ledger, Catalogue catalogue, CurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "facility")] public Guid? FacilityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public FacilityKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "product")] public Guid? ProductFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    [BindProperty] public MovementForm Form { get; set; } = new();
    public int WindowDays => queries.WindowDays;

    public sealed class MovementForm
    {
        public string? Reason { get; set; }
        public Guid? ProductId { get; set; }
        public long? Quantity { get; set; }
        public string? Lot { get; set; }
        public DateOnly? Expiry { get; set; }
        public string? Note { get; set; }
    }

    public Facility? Facility { get; private set; }
    public List<Facility> Choices { get; private set; } = [];
    public List<StockLine> Stock { get; private set; } = [];
    public Page<MovementDto> Movements { get; private set; } = new([], 1, 25, 0);
    public List<ProductDto> Products { get; private set; } = [];
    public FieldErrors Errors { get; private set; } = new();
    public string? Recorded { get; private set; }
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public bool CanRecord => user.Has(Permission.RecordStock);
    public bool CanImport => user.Has(Permission.RecordStock);

    public async Task<IActionResult> OnGetAsync(string? recorded, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewSupplies)) return Forbid();
        if (FacilityId is null && Q is null && Kind is null) FacilityId = user.Jurisdiction.FacilityId;
        Recorded = recorded;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanRecord) return Forbid();
        if (ModelState.TryGetValue("Form.Quantity", out var q) && q.Errors.Count > 0) Errors.Add("quantity", "须为正整数 / must be a positive whole number");
        if (ModelState.TryGetValue("Form.Expiry", out var e) && e.Errors.Count > 0) Errors.Add("expiry", "日期格式应为 yyyy-MM-dd / date must be yyyy-MM-dd");
        if (!Errors.Any)
        {
            var outcome = await ledger.RecordAsync(new MovementInput(FacilityId, Form.ProductId, null, Form.Reason, Form.Quantity, Form.Lot, Form.Expiry, Form.Note), ct);
            switch (outcome)
            {
                case WriteOutcome<MovementResult>.Done done:
                    return Redirect($"/Supplies/Stock?facility={FacilityId}&recorded={done.Value.Reason}");
                case WriteOutcome<MovementResult>.Invalid invalid:
                    Errors = invalid.Errors;
                    break;
                default:
                    return Forbid();
            }
        }
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        if (FacilityId is { } id)
        {
            Facility = await queries.FindNodeAsync(id, ct);
            if (Facility is null) return NotFound();
            Stock = await queries.StockAsync(id, null, ct) ?? [];
            Movements = await queries.MovementsAsync(id, ProductFilter, Paging.From(PageNumber, 25), ct);
            Products = await catalogue.ListAsync(false, ct);
        }
        else
        {
            Choices = await queries.SearchNodesAsync(Q, Kind, 100, ct);
        }
        return Page();
    }

    public string ProductCode(Guid id) => Stock.FirstOrDefault(s => s.ProductId == id)?.ProductCode
        ?? Products.FirstOrDefault(p => p.Id == id)?.Code ?? "";

    public string PageLink(int page) => $"/Supplies/Stock?facility={FacilityId}&product={ProductFilter}&page={page}";
}

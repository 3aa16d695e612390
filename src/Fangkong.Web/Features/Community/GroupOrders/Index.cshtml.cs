using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.GroupOrders;

// The committee's desk for sealed compounds' supplies: compounds and their lockdown, group orders in
// scope, and a new order. A supplier's account lands here too and sees the orders addressed to it.
public sealed class IndexModel(GroupOrderDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty] public Guid? CompoundId { get; set; }
    [BindProperty] public Guid? SupplierId { get; set; }
    [BindProperty] public string? Organizer { get; set; }
    public List<OrderView> Orders { get; private set; } = [];
    public List<CompoundView> Compounds { get; private set; } = [];
    public List<SupplierView> Suppliers { get; private set; } = [];
    public bool Committee => user.Has(Permission.ManageCommunity);
    public bool Supplier => user.Has(Permission.SupplyGroupOrders);

    private bool Allowed => Committee || Supplier;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        if (!Committee) return Forbidden();
        var outcome = await desk.OpenAsync(new OrderInput(CompoundId, SupplierId, Organizer), ct);
        await LoadAsync(ct);
        return Show(outcome, o => Redirect($"/Community/GroupOrders/{o.Id}"));
    }

    public Task<IActionResult> OnPostSealAsync(CancellationToken ct) => LockdownAsync(true, ct);

    public Task<IActionResult> OnPostLiftAsync(CancellationToken ct) => LockdownAsync(false, ct);

    private async Task<IActionResult> LockdownAsync(bool seal, CancellationToken ct)
    {
        if (!Committee) return Forbidden();
        if (CompoundId is not { } id) return NotFound();
        var outcome = seal ? await desk.SealAsync(id, Version, ct) : await desk.LiftAsync(id, Version, ct);
        await LoadAsync(ct);
        return Show(outcome, _ => RedirectToPage());
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Orders = await desk.ListAsync(Status, null, ct);
        if (Committee) Compounds = await desk.CompoundsAsync(null, ct);
        Suppliers = await desk.SuppliersAsync(ct);
    }
}

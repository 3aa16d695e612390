using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.GroupOrders;

// One group order: households' lines while collecting, the supplier's confirmation, the delivery
// slot and door-to-door hand-overs. Every step posts the version the page showed (stale → warning).
public sealed class OrderModel(GroupOrderDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Building { get; set; }
    [BindProperty] public string? Room { get; set; }
    [BindProperty] public Guid? PackageId { get; set; }
    [BindProperty] public int? Quantity { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Guid? LineId { get; set; }
    [BindProperty] public string? DeliveredBy { get; set; }
    [BindProperty] public string? Exception { get; set; }
    public OrderView? Order { get; private set; }
    public List<PackageView> Packages { get; private set; } = [];
    public bool Committee => user.Has(Permission.ManageCommunity) && Order is not null && user.Jurisdiction.CoversDivision(Order.DivisionCode);
    public bool Supplier => user.Has(Permission.SupplyGroupOrders);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity) && !Supplier) return Forbidden();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostLinesAsync(CancellationToken ct) =>
        Step(Permission.ManageCommunity, () => desk.SetLinesAsync(Id, Version, new LinesInput([new LineInput(Building, Room, PackageId, Quantity)]), ct), ct, remap: true);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => Step(Permission.ManageCommunity, () => desk.SubmitAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => Step(Permission.ManageCommunity, () => desk.CancelAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => Step(Permission.SupplyGroupOrders, () => desk.ConfirmAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        Step(Permission.SupplyGroupOrders, () => desk.DeclineAsync(Id, Version, new DeclineInput(Reason), ct), ct);

    public Task<IActionResult> OnPostDistributeAsync(CancellationToken ct) =>
        Step(Permission.ManageCommunity, () => desk.DistributeAsync(Id, Version, new DistributionInput(LineId, LineId is null ? Building : null, Quantity,
            DeliveredBy, Exception), ct), ct);

    private async Task<IActionResult> Step(Permission right, Func<Task<WriteOutcome<OrderView>>> change, CancellationToken ct, bool remap = false)
    {
        if (!user.Has(right)) return Forbidden();
        var outcome = await change();
        if (outcome is WriteOutcome<OrderView>.Done) return Redirect($"/Community/GroupOrders/{Id}");
        if (!await LoadAsync(ct)) return NotFound();
        // The form sends one line; the use case names it lines[0].x — show it under the form's own field.
        if (remap && outcome is WriteOutcome<OrderView>.Invalid invalid)
        {
            var renamed = new FieldErrors();
            foreach (var (field, messages) in invalid.Errors.All)
                foreach (var m in messages) renamed.Add(field.Replace("lines[0].", "", StringComparison.Ordinal), m);
            outcome = new WriteOutcome<OrderView>.Invalid(renamed);
        }
        return Show(outcome, _ => Page());
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Order = await desk.ViewAsync(Id, ct);
        if (Order is null) return false;
        if (Order.Status == nameof(GroupOrderStatus.Collecting)) Packages = await desk.PackagesAsync(Order.SupplierId, false, ct);
        if (!ModelState.ContainsKey(nameof(Version)) || Response.StatusCode == 200) Version = Order.Version;
        return true;
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Supplies;

// The delivery board: the task force sees every order in its scope; a facility sees its own
// (shipping or receiving) with the one action that is its to take.
public sealed class OrdersModel(Deliveries deliveries, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? PlanId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? FacilityId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty] public Guid OrderId { get; set; }
    [BindProperty] public long? ReceivedUnits { get; set; }
    [BindProperty] public string? Discrepancy { get; set; }

    public Page<OrderView> Result { get; private set; } = new([], 1, 50, 0);
    public Dictionary<string, (int Orders, long Units)> Counts { get; private set; } = [];
    public string? Done { get; private set; }

    public static readonly string[] Statuses = ["Approved", "Dispatched", "InTransit", "Received", "Cancelled"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewSupplies)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDispatchAsync(CancellationToken ct) => ActAsync("dispatched", () => deliveries.DispatchAsync(OrderId, Version, ct), ct);
    public Task<IActionResult> OnPostTransitAsync(CancellationToken ct) => ActAsync("inTransit", () => deliveries.MarkInTransitAsync(OrderId, Version, ct), ct);
    public Task<IActionResult> OnPostReceiveAsync(CancellationToken ct) =>
        ActAsync("received", () => deliveries.ReceiveAsync(OrderId, Version, new ReceiptInput(ReceivedUnits, Discrepancy), ct), ct);
    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) => ActAsync("cancelled", () => deliveries.CancelAsync(OrderId, Version, ct), ct);

    private async Task<IActionResult> ActAsync(string what, Func<Task<WriteOutcome<OrderView>>> act, CancellationToken ct)
    {
        if (!user.Has(Permission.HandleDeliveries)) return Forbidden();
        var outcome = await act();
        await LoadAsync(ct);
        return Show(outcome, order =>
        {
            Done = what;
            DoneNumber = order.Number;
            return Page();
        });
    }

    public string? DoneNumber { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        var facility = FacilityId ?? user.Jurisdiction.FacilityId;
        Result = await deliveries.ListAsync(new OrderFilter(Status, facility, null, PlanId), Paging.From(PageNumber, 50), ct);
        Counts = await deliveries.CountsAsync(facility, ct);
    }

    public string QueryFor(int page, string? status = null) =>
        $"?status={Uri.EscapeDataString(status ?? Status ?? "")}&planId={PlanId}&facilityId={FacilityId}&page={page}";
}

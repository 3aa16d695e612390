using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Transport;

// The dispatcher's board: open requests, most urgent (after aging) first, each with its
// recommended vehicle and destination and one Confirm; the active runs; the fleet by status.
public sealed class DispatchModel(TransportDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty] public Guid RequestId { get; set; }
    [BindProperty] public Guid? VehicleId { get; set; }
    [BindProperty] public Guid? DestinationFacilityId { get; set; }

    public List<BoardLine> Board { get; private set; } = [];
    public List<RequestView> Active { get; private set; } = [];
    public Dictionary<string, int> Fleet { get; private set; } = [];
    public bool Dispatched { get; private set; }

    public static readonly string[] VehicleStatuses = ["Available", "EnRoute", "OnScene", "Transporting", "Disinfecting", "OffDuty"];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.DispatchTransport)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.DispatchTransport)) return Forbidden();
        var outcome = await desk.DispatchAsync(RequestId, Version, new DispatchInput(VehicleId, DestinationFacilityId), ct);
        await LoadAsync(ct);
        return Show(outcome, _ =>
        {
            Dispatched = true;
            return Page();
        });
    }

    // The crew's progress, reported by radio to the dispatcher: one next step per active run.
    [BindProperty] public string? Step { get; set; }

    public static string? NextStep(string status) => status switch
    {
        "Assigned" => "depart",
        "EnRoute" => "arrive",
        "OnScene" => "load",
        "Transporting" => "deliver",
        _ => null,
    };

    public async Task<IActionResult> OnPostStepAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.DispatchTransport)) return Forbidden();
        var outcome = Step switch
        {
            "depart" => await desk.DepartAsync(RequestId, Version, ct),
            "arrive" => await desk.ArriveAsync(RequestId, Version, ct),
            "load" => await desk.LoadAsync(RequestId, Version, ct),
            "deliver" => await desk.DeliverAsync(RequestId, Version, ct),
            _ => new WriteOutcome<RequestView>.Invalid(new FieldErrors().Add("step", "未知步骤 / unknown step")),
        };
        await LoadAsync(ct);
        return Show(outcome, _ => Page());
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Board = await desk.RecommendAllAsync(ct);
        Active = [.. (await desk.ListAsync(null, ct)).Where(r => r.Status is not ("Open" or "Delivered" or "Cancelled"))];
        Fleet = (await desk.VehiclesAsync(null, ct)).GroupBy(v => v.Status).ToDictionary(g => g.Key, g => g.Count());
    }
}

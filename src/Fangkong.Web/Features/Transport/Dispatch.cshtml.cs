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
        // The page shows a lost race like any refusal: the vehicle's current state, by field.
        if (outcome is VehicleTaken taken) outcome = new WriteOutcome<RequestView>.Invalid(taken.Errors);
        await LoadAsync(ct);
        return Show(outcome, _ =>
        {
            Dispatched = true;
            return Page();
        });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Board = await desk.RecommendAllAsync(ct);
        Active = [.. (await desk.ListAsync(null, ct)).Where(r => r.Status != "Open")];
        Fleet = (await desk.VehiclesAsync(null, ct)).GroupBy(v => v.Status).ToDictionary(g => g.Key, g => g.Count());
    }
}

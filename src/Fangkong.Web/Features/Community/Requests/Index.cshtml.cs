using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.Requests;

// The committee workers' desk: open requests of their divisions (overdue and urgent first), one
// next action per request, a form for requests taken by phone or at the door, statistics.
public sealed class IndexModel(ResidentRequests desk, CurrentUser user) : RecordFormPage
{
    [BindProperty] public RequestForm Form { get; set; } = new();
    [BindProperty] public Guid RequestId { get; set; }
    [BindProperty] public string? AssignedTo { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public List<RequestView> Requests { get; private set; } = [];
    public List<CommitteeStats> Stats { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFileAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await desk.FileByWorkerAsync(Form.ToInput(), ct);
        await LoadAsync(ct);
        return Show(outcome, r => Finish($"{r.Receipt}"));
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        await Step(() => desk.AssignAsync(RequestId, Version, new AssignInput(AssignedTo), ct), ct);

    public async Task<IActionResult> OnPostDeliverAsync(CancellationToken ct) =>
        await Step(() => desk.DeliverAsync(RequestId, Version, new DeliverInput(Note), ct), ct);

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        await Step(() => desk.CloseAsync(RequestId, Version, ct), ct);

    private async Task<IActionResult> Step(Func<Task<WriteOutcome<RequestView>>> act, CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await act();
        await LoadAsync(ct);
        return Show(outcome, r => Finish(r.Receipt));
    }

    private IActionResult Finish(string receipt)
    {
        Done = receipt;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Requests = await desk.ListAsync(Status, null, ct);
        Stats = await desk.StatsAsync(ct);
    }
}

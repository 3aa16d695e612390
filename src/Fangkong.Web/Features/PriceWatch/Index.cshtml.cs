using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.PriceWatch;

// The review list: open flags first, filter by kind and status, each with its evidence, closed in
// place with an outcome and a note. Only flags of pharmacies in the reviewer's jurisdiction appear.
public sealed class IndexModel(PriceWatchService watch, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<WatchFlagDto> Result { get; private set; } = new([], 1, 50, 0);
    public int OpenCount { get; private set; }
    public Guid? FailedId { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // 403 rather than Forbid(), which the cookie scheme turns into a 302 to the login page.
        if (!user.Has(Permission.ReviewPriceFlags)) return StatusCode(StatusCodes.Status403Forbidden);
        return await ListAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, int version, string? outcome, string? note, CancellationToken ct)
    {
        if (!user.Has(Permission.ReviewPriceFlags)) return StatusCode(StatusCodes.Status403Forbidden);
        switch (await watch.CloseAsync(id, version, new CloseFlagInput(outcome, note), ct))
        {
            case WriteOutcome<WatchFlag>.Done:
                return Redirect("/PriceWatch" + QueryFor(PageNumber ?? 1));
            case WriteOutcome<WatchFlag>.Invalid invalid:
                Errors = invalid.Errors;
                break;
            case WriteOutcome<WatchFlag>.Stale:
                Errors = new FieldErrors().Add("version", "stale");
                break;
            default:
                return NotFound();
        }
        FailedId = id;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ListAsync(ct);
    }

    private async Task<IActionResult> ListAsync(CancellationToken ct)
    {
        var (filter, errors) = FlagFilter.FromQuery(Kind, Status);
        Result = await watch.ListAsync(filter ?? new FlagFilter(), Paging.From(PageNumber, 50), ct);
        OpenCount = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(watch.Query(new FlagFilter(null, WatchFlagStatus.Open)), ct);
        if (errors is not null) Errors = errors;
        return Page();
    }

    public string QueryFor(int page) =>
        $"?kind={Uri.EscapeDataString(Kind ?? "")}&status={Uri.EscapeDataString(Status ?? "")}&page={page}";
}

using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Screening;

// One round: progress, the completion table with drill-down (district → street → committee), the
// committees nobody has come from yet, and the members of positive pools with their retests.
public sealed class RoundModel(ScreeningRounds rounds, Completion completion, PositivePools pools, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Parent { get; set; }
    public RoundSummary Summary { get; private set; } = null!;
    public CompletionTable Table { get; private set; } = null!;
    public IReadOnlyList<CompletionRow> Uncovered { get; private set; } = [];
    public IReadOnlyList<PositivePools.ControlRow> Controls { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewScreening)) return StatusCode(StatusCodes.Status403Forbidden);
        var round = await rounds.FindAsync(id, ct);
        if (round is null) return NotFound();
        Summary = (await rounds.SummaryAsync(id, ct))!;
        var table = await completion.TableAsync(round, Parent, ct);
        if (table is null) return NotFound();
        Table = table;
        Uncovered = await completion.UncoveredAsync(round, ct);
        Controls = await pools.ListAsync(id, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}

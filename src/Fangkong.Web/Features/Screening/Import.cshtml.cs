using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Screening;

// Upload of sampling records (CSV, streamed) into an open round the caller can see.
public sealed class ImportModel(ScreeningRounds rounds, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Round { get; set; }
    public IReadOnlyList<RoundSummary> Open { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.RecordSamples)) return StatusCode(StatusCodes.Status403Forbidden);
        Open = (await rounds.ListAsync(ct)).Where(r => r.Status == RoundStatus.Open).ToList();
        if (Round is null || Open.All(r => r.Id != Round)) Round = Open.FirstOrDefault()?.Id;
        return Page();
    }
}

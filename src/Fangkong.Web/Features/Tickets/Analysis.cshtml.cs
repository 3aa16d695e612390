using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Tickets;

// 高频问题分析: tickets by category and district over a period, the top problems, the overdue share.
public sealed class AnalysisModel(TicketAnalysis analysis, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public TicketsAnalysis? Result { get; private set; }
    public FieldErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.HandleTickets)) return StatusCode(StatusCodes.Status403Forbidden);
        (Result, Errors) = await analysis.AnalyseAsync(From, To, ct);
        if (Result is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

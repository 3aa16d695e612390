using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Fangkong.Web.Features.Community.Requests;

public sealed class RequestForm
{
    public string? Kind { get; set; } = nameof(RequestKind.Medicine);
    public string? Description { get; set; }
    public string? Building { get; set; }
    public string? Room { get; set; }
    public string? Phone { get; set; }
    public bool Urgent { get; set; }
    public string? DivisionCode { get; set; }

    public RequestInput ToInput() => new(Kind, Description, Building, Room, Phone, Urgent, DivisionCode);
}

// The page a resident reaches by scanning the compound's QR code: no account, one short form, a
// receipt number back. Submissions count against the per-address rate limit.
[AllowAnonymous]
[EnableRateLimiting(CommunityRequestsSetup.RateLimit)]
public sealed class ResidentModel(ResidentRequests desk) : RecordFormPage
{
    [BindProperty] public RequestForm Form { get; set; } = new();
    public string Committee { get; private set; } = "";
    public string Token { get; private set; } = "";
    public Submitted? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (await desk.ActiveCodeAsync(token, ct) is not { } found) return NotFound();
        (Committee, Token) = (found.CommitteeName, token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (await desk.ActiveCodeAsync(token, ct) is not { } found) return NotFound();
        (Committee, Token) = (found.CommitteeName, token);
        var outcome = await desk.SubmitByResidentAsync(token, Form.ToInput() with { DivisionCode = null }, ct);
        if (outcome is DailyCapReached cap)
        {
            outcome = new WriteOutcome<Submitted>.Invalid(cap.Errors);
            var page = Show(outcome, _ => Page());
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return page;
        }
        return Show(outcome, s =>
        {
            Result = s;
            return Page();
        });
    }
}

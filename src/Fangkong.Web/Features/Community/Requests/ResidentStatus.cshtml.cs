using Fangkong.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Fangkong.Web.Features.Community.Requests;

// One request's progress for whoever holds its receipt, and the resident's confirmation of delivery.
[AllowAnonymous]
[EnableRateLimiting(CommunityRequestsSetup.RateLimit)]
public sealed class ResidentStatusModel(ResidentRequests desk) : RecordFormPage
{
    public ReceiptView? Receipt { get; private set; }
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string receipt, CancellationToken ct)
    {
        Receipt = await desk.ReceiptAsync(token, receipt, ct);
        return Receipt is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string token, string receipt, CancellationToken ct)
    {
        var outcome = await desk.ConfirmByResidentAsync(token, receipt, ct);
        Receipt = await desk.ReceiptAsync(token, receipt, ct);
        return Show(outcome, r =>
        {
            (Receipt, Confirmed) = (r, true);
            return Page();
        });
    }
}

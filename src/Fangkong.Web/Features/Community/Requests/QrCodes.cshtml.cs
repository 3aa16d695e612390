using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.Requests;

// Issue a compound's code (the URL to print as a QR code) and revoke one that leaked.
public sealed class QrCodesModel(ResidentRequests desk, CurrentUser user) : RecordFormPage
{
    [BindProperty] public string? DivisionCode { get; set; }
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public Guid CodeId { get; set; }
    public List<QrCodeView> Codes { get; private set; } = [];
    public QrCodeView? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        Codes = await desk.QrCodesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await desk.IssueQrCodeAsync(new QrCodeInput(DivisionCode, Label), ct);
        Codes = await desk.QrCodesAsync(ct);
        return Show(outcome, q =>
        {
            Issued = q;
            return Page();
        });
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await desk.RevokeQrCodeAsync(CodeId, ct);
        Codes = await desk.QrCodesAsync(ct);
        return Show(outcome, _ => Page());
    }
}

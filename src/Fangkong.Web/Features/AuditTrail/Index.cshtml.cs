using Fangkong.Web.Platform.Localization;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.AuditTrail;

// The auditor's view of the audit trail: filters, pages, and the hash-chain check.
public sealed class IndexModel(AuditTrailReader reader, CurrentUser user) : PageModel
{
    // 403 rather than Forbid(), which the cookie scheme turns into a 302 to its AccessDeniedPath, the login page.
    private StatusCodeResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);

    public static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Failure, AuditOutcome.Denied];

    // From and to are wall-clock times in China (datetime-local inputs); they are turned into UTC for the query.
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<AuditEntry> Result { get; private set; } = new([], 1, 50, 0);
    public AuditVerification? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewAudit)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    // Walks the whole chain. htmx picks #verify-result out of the page; without script the page shows it too.
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewAudit)) return Forbidden();
        Verification = reader.Verify();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var outcome = Outcomes.Contains(Outcome) ? Outcome : null;
        Result = await reader.ListAsync(
            new AuditQuery(From is { } f ? ChinaTime.ToUtc(f) : null, To is { } t ? ChinaTime.ToUtc(t) : null, UserName, Action, outcome),
            Paging.From(PageNumber, 50), ct);
    }

    public string QueryFor(int page) =>
        $"?from={Local(From)}&to={Local(To)}&user={Uri.EscapeDataString(UserName ?? "")}&action={Uri.EscapeDataString(Action ?? "")}&outcome={Uri.EscapeDataString(Outcome ?? "")}&page={page}";

    public static string Local(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

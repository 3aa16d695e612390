using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Accounts;

// The owner's own password. An account signed in with a one-time password is sent here by
// AccessMiddleware and can open nothing else until it has chosen its own.
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Platform.PlatformSetup.SignInRateLimit)]
public sealed class ChangePasswordModel(LoginService login, CurrentUser user) : PageModel
{
    public bool OneTime => user.MustChangePassword;
    public bool Changed { get; private set; }
    public FieldErrors Errors { get; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, CancellationToken ct)
    {
        switch (await login.ChangePasswordAsync(user.UserId!, currentPassword, newPassword, user.Actor, ct))
        {
            case WriteOutcome<string>.Done:
                // Every session of the account has ended with the change; this one too.
                await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                Changed = true;
                break;
            case WriteOutcome<string>.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors.All)
                    foreach (var m in messages) Errors.Add(field, m);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                return NotFound();
        }
        return Page();
    }
}

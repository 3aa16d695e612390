using Fangkong.Web.Platform;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(PlatformSetup.SignInRateLimit)]
public sealed class LoginModel(LoginService login, IOptions<PlatformOptions> options) : PageModel
{
    public bool Failed { get; private set; }
    public string? UserName { get; private set; }
    public string? ReturnUrl { get; private set; }
    public bool IsDemo => !options.Value.IsProduction;

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken ct)
    {
        var result = await login.AttemptAsync(userName, password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.Succeeded)
        {
            Failed = true;
            UserName = userName;
            ReturnUrl = returnUrl;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, result.Principal!,
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

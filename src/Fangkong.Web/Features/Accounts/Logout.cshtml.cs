using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Accounts;

public sealed class LogoutModel(LoginService login, CurrentUser user) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    // Ends every session of the account, not only this browser's cookie.
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (user.UserId is { } id) await login.SignOutEverywhereAsync(id, user.Actor, ct);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Redirect("/Account/Login");
    }
}

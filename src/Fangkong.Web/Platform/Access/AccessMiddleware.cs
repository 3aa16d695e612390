using System.Security.Claims;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Access;

// Re-checks the caller against the database on every request: the account still exists and is
// enabled, its security stamp (bumped by logout, password change or disable) is unchanged, and the
// absolute session limit has not passed. Only then are its role and jurisdiction put in force.
public sealed class AccessMiddleware(RequestDelegate next)
{
    public const string SignedInAtClaim = "fk:signed_in_at";

    public async Task InvokeAsync(HttpContext http, CurrentUser current, FangkongDb db, TimeProvider clock,
        IOptions<IdentityOptions> identity, IOptions<PlatformOptions> platform, AuditLog audit)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        current.SetAnonymous(address);
        var principal = http.User;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated == true && userId is not null)
        {
            // Account and role in one round trip: this runs on every request.
            var row = await (from u in db.Users.AsNoTracking()
                             where u.Id == userId
                             select new
                             {
                                 User = u,
                                 Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                             }).FirstOrDefaultAsync(http.RequestAborted);
            var user = row?.User;
            var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var signedIn = long.TryParse(principal.FindFirstValue(SignedInAtClaim), out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.MinValue;
            var valid = user is { IsEnabled: true }
                && stamp == user.SecurityStamp
                && clock.GetUtcNow() - signedIn < platform.Value.AbsoluteSessionLimit
                && !(platform.Value.IsProduction && user.IsDemo);
            if (valid)
            {
                current.Set(user!, row!.Role, address);
                if (http.Request.Headers.ContainsKey(BreakGlass.Header)
                    && await BreakGlass.ApplyAsync(http, current, db, clock, audit) is { } refused)
                {
                    await refused.ExecuteAsync(http);
                    return;
                }
            }
            else
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (http.Request.Cookies.ContainsKey(PlatformOptions.CookieName))
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        }
        if (current.MustChangePassword && !MayUseBeforePasswordChange(http.Request))
        {
            if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: "请先修改一次性密码 / Change your one-time password first",
                    detail: "POST /api/auth/password { currentPassword, newPassword }, then sign in again.").ExecuteAsync(http);
                return;
            }
            http.Response.Redirect(ChangePasswordPage);
            return;
        }
        await next(http);
    }

    public const string ChangePasswordPage = "/Accounts/ChangePassword";

    // All an account signed in with a one-time password may reach (static files are served before this).
    private static bool MayUseBeforePasswordChange(HttpRequest request) =>
        request.Path.Equals("/api/auth/password", StringComparison.OrdinalIgnoreCase)
        || request.Path.Equals("/api/auth/logout", StringComparison.OrdinalIgnoreCase)
        || request.Path.Equals("/api/me", StringComparison.OrdinalIgnoreCase)
        || request.Path.Equals(ChangePasswordPage, StringComparison.OrdinalIgnoreCase)
        || request.Path.Equals("/Accounts/Logout", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/language", StringComparison.OrdinalIgnoreCase);
}

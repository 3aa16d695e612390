using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Identity;

namespace Fangkong.Web.Features.Accounts;

public sealed record TokenRequest(string? UserName, string? Password);
public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Authentication");

        // Bearer tokens for scripts and integrations. The token carries the same user, so it is scoped
        // exactly like that user's web session and cannot be turned into a broader one.
        api.MapPost("/token", async (TokenRequest request, LoginService login, HttpContext http, CancellationToken ct) =>
        {
            var result = await login.AttemptAsync(request.UserName, request.Password, http.Connection.RemoteIpAddress?.ToString(), ct);
            return result.Succeeded
                ? Results.SignIn(result.Principal!, authenticationScheme: IdentityConstants.BearerScheme)
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    title: "用户名或密码错误，或账户暂时锁定 / Wrong user name or password, or the account is temporarily locked");
        }).DisableAntiforgery().RequireRateLimiting(Platform.PlatformSetup.SignInRateLimit);

        api.MapPost("/logout", async (CurrentUser user, LoginService login, HttpContext http, CancellationToken ct) =>
        {
            await login.SignOutEverywhereAsync(user.UserId!, user.Actor, ct);
            return Results.NoContent();
        }).RequireSignedIn();

        // The owner's own password. An account signed in with a one-time password can reach nothing else.
        api.MapPost("/password", async (PasswordChange request, CurrentUser user, LoginService login, CancellationToken ct) =>
            (await login.ChangePasswordAsync(user.UserId!, request.CurrentPassword, request.NewPassword, user.Actor, ct)).ToHttp(_ => Results.NoContent()))
            .RequireSignedIn().RequireRateLimiting(Platform.PlatformSetup.SignInRateLimit);

        app.MapGet("/api/me", (CurrentUser user) => Results.Ok(new
        {
            userName = user.UserName,
            displayName = user.DisplayName,
            role = user.Role,
            isDemo = user.IsDemo,
            mustChangePassword = user.MustChangePassword,
            scope = new { divisionCode = user.Jurisdiction.DivisionPrefix, facilityId = user.Jurisdiction.FacilityId },
            permissions = Enum.GetValues<Permission>().Where(user.Has).Select(p => p.ToString()),
        })).RequireSignedIn().WithTags("Authentication");

        return app;
    }
}

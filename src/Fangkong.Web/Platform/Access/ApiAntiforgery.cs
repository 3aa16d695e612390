using Microsoft.AspNetCore.Antiforgery;

namespace Fangkong.Web.Platform.Access;

// The browser sends the session cookie with every request to this host, also one that a page on
// another port of the same host makes it send (same site, so SameSite=Strict does not stop it). A
// change through the API on the strength of the cookie must therefore carry the antiforgery token
// that only our own pages hold (they send it as the RequestVerificationToken header). Scripts and
// integrations use bearer tokens, which another page cannot make a browser attach. One rule for
// every unsafe /api request, whatever the endpoint says about form antiforgery.
public sealed class ApiAntiforgery(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CurrentUser user, IAntiforgery antiforgery)
    {
        if (http.Request.Path.StartsWithSegments("/api") && !IsSafe(http.Request.Method) && user.IsAuthenticated && !IsBearer(http.Request)
            && !await antiforgery.IsRequestValidAsync(http))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "缺少或无效的防伪令牌，请刷新页面后重试 / Missing or invalid antiforgery token; reload the page and try again",
                detail: "A request signed in by the session cookie must carry the page's antiforgery token; scripts use a bearer token.")
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    // The same test the "fangkong" policy scheme uses to choose bearer over the cookie.
    internal static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

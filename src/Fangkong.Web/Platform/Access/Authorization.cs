using Fangkong.Web.Platform.Audit;

namespace Fangkong.Web.Platform.Access;

public static class Authorization
{
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().IsAuthenticated
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "请先登录 / Sign in first"));
        return builder;
    }

    // Endpoint filter: 401 when not signed in, 403 (audited) when the role lacks the permission.
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAnyPermission(permission);

    // For reads two sides share (a compound's worker and its supplier): any one of the rights will do.
    public static TBuilder RequireAnyPermission<TBuilder>(this TBuilder builder, params Permission[] permissions) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var user = http.RequestServices.GetRequiredService<CurrentUser>();
            if (!user.IsAuthenticated)
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "请先登录 / Sign in first");
            if (!permissions.Any(user.Has))
            {
                await http.RequestServices.GetRequiredService<AuditLog>().AppendAsync(user.Actor,
                    new AuditEvent("permission", AuditOutcome.Denied, "endpoint", $"{http.Request.Method} {http.Request.Path}", string.Join(",", permissions)));
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无此权限 / Your role does not have this right",
                    detail: string.Join(", ", permissions));
            }
            return await next(context);
        });
        return builder;
    }
}

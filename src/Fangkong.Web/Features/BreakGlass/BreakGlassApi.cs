using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.BreakGlass;

public static class BreakGlassApi
{
    public static IServiceCollection AddBreakGlass(this IServiceCollection services) => services.AddScoped<BreakGlassDesk>();

    public static IEndpointRouteBuilder MapBreakGlassApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/break-glass").WithTags("Break glass");
        api.MapPost("", async (BreakGlassInput input, BreakGlassDesk desk, CancellationToken ct) =>
            (await desk.OpenAsync(input, ct)).ToHttp(view => Results.Created($"/api/break-glass/{view.Id}", view)))
            .RequirePermission(Permission.BreakGlass).Idempotent();
        api.MapGet("/mine", async (BreakGlassDesk desk, CancellationToken ct) => Results.Ok(await desk.MineAsync(ct)))
            .RequirePermission(Permission.BreakGlass);
        api.MapGet("", async (BreakGlassDesk desk, string? user, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await desk.ListAsync(user, Paging.From(page, pageSize), ct)))
            .RequirePermission(Permission.ViewAudit);
        return app;
    }
}

using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Treatment;

public static class PlacementApi
{
    public static IServiceCollection AddPlacement(this IServiceCollection services) => services.AddScoped<Placements>();

    public static IEndpointRouteBuilder MapPlacementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/treatment/placements").WithTags("Treatment");

        api.MapGet("", async (Placements placements, CancellationToken ct) => Results.Ok(await placements.ListAsync(ct)))
            .RequirePermission(Permission.PlacePatients);

        api.MapPost("", async (PlacementRequest request, Placements placements, HttpContext http, CancellationToken ct) =>
            (await placements.RunAsync(request, ct)).ToHttp(b =>
            {
                Versioning.SetETag(http, b.Version);
                return Results.Created($"/api/treatment/placements/{b.Id}", new { b.Id, b.Version, b.Patients, b.Placed });
            })).RequirePermission(Permission.PlacePatients).AddEndpointFilter<IdempotencyFilter>();

        api.MapGet("/{id:guid}", async (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
        {
            var view = await placements.ViewAsync(id, ct);
            if (view is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, view.Version);
            return Results.Ok(view);
        }).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/adjust", (Guid id, PlacementChange change, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioned(http, v => placements.AdjustAsync(id, v, change, ct))).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/approve", (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioned(http, v => placements.ApproveAsync(id, v, ct))).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/discard", (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioned(http, v => placements.DiscardAsync(id, v, ct))).RequirePermission(Permission.PlacePatients);

        return app;
    }

    private static async Task<IResult> Versioned(HttpContext http, Func<int, Task<WriteOutcome<PlacementView>>> act)
    {
        var (expected, problem) = Versioning.ExpectedVersion(http.Request);
        if (problem is not null) return problem;
        return (await act(expected!.Value)).ToHttp(view =>
        {
            Versioning.SetETag(http, view.Version);
            return Results.Ok(view);
        });
    }
}

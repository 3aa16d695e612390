using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.PriceWatch;

public static class PriceWatchApi
{
    public static IEndpointRouteBuilder MapPriceWatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pricewatch").WithTags("PriceWatch");

        api.MapPost("/sales", async (SalesReport report, PriceWatchService watch, CancellationToken ct) =>
        {
            if (!watch.ReportingEnabled) return Unavailable();
            return (await watch.ReportAsync(report, ct)).ToHttp(r => Results.Created((string?)null, r));
        }).RequirePermission(Permission.ReportSales).Idempotent();

        api.MapGet("/flags", async (PriceWatchService watch, string? kind, string? status, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (filter, errors) = FlagFilter.FromQuery(kind, status);
            return errors is not null ? errors.ToProblem() : Results.Ok(await watch.ListAsync(filter!, Paging.From(page, pageSize), ct));
        }).RequirePermission(Permission.ReviewPriceFlags);

        api.MapGet("/flags/{id:guid}", async (Guid id, PriceWatchService watch, HttpContext http, CancellationToken ct) =>
        {
            var flag = await watch.FindAsync(id, ct);
            if (flag is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, flag.Version);
            return Results.Ok(WatchFlagDto.From(flag));
        }).RequirePermission(Permission.ReviewPriceFlags);

        api.MapPost("/flags/{id:guid}/close", async (Guid id, CloseFlagInput input, PriceWatchService watch, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await watch.CloseAsync(id, expected!.Value, input, ct)).ToHttp(f =>
            {
                Versioning.SetETag(http, f.Version);
                return Results.Ok(WatchFlagDto.From(f));
            });
        }).RequirePermission(Permission.ReviewPriceFlags);

        return app;
    }

    internal static IResult Unavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "销售上报未启用 / Sales reporting is disabled",
        detail: "Production mode needs PriceWatch:BuyerHashKey (at least 32 characters) before pharmacies can report sales.");
}

using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;
using Fangkong.Web.Platform.Localization;

namespace Fangkong.Web.Features.Community.GroupOrders;

public static class GroupOrdersApi
{
    public static IEndpointRouteBuilder MapGroupOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/community/group-orders").WithTags("Community group orders");
        // Households' buildings and rooms: not to be kept by browsers or proxies.
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        Permission[] eitherSide = [Permission.ManageCommunity, Permission.SupplyGroupOrders];

        api.MapGet("/suppliers", async (GroupOrderDesk desk, CancellationToken ct) => Results.Ok(await desk.SuppliersAsync(ct)))
            .RequireAnyPermission(eitherSide);
        api.MapPut("/suppliers/{id:guid}/capacity", async (Guid id, CapacityInput input, GroupOrderDesk desk, CancellationToken ct) =>
            (await desk.SetCapacityAsync(id, input, ct)).ToHttp(Results.Ok)).RequirePermission(Permission.SupplyGroupOrders);

        api.MapGet("/packages", async (GroupOrderDesk desk, Guid? supplierId, bool? all, CancellationToken ct) =>
            Results.Ok(await desk.PackagesAsync(supplierId, all ?? false, ct))).RequireAnyPermission(eitherSide);
        api.MapPost("/packages", async (PackageInput input, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.OfferPackageAsync(input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Created($"/api/community/group-orders/packages/{p.Id}", p);
            })).RequirePermission(Permission.SupplyGroupOrders).Idempotent();
        api.MapPut("/packages/{id:guid}", (Guid id, PackageInput input, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.RevisePackageAsync(id, expected, input, ct), p => p.Version))
            .RequirePermission(Permission.SupplyGroupOrders);

        api.MapGet("/compounds", async (GroupOrderDesk desk, string? division, CancellationToken ct) => Results.Ok(await desk.CompoundsAsync(division, ct)))
            .RequirePermission(Permission.ManageCommunity);
        api.MapPost("/compounds/{id:guid}/seal", (Guid id, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.SealAsync(id, expected, ct), c => c.Version)).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/compounds/{id:guid}/lift", (Guid id, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.LiftAsync(id, expected, ct), c => c.Version)).RequirePermission(Permission.ManageCommunity);

        api.MapGet("", async (GroupOrderDesk desk, string? status, Guid? compoundId, CancellationToken ct) =>
            Results.Ok(await desk.ListAsync(status, compoundId, ct))).RequireAnyPermission(eitherSide);
        api.MapGet("/{id:guid}", async (Guid id, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
        {
            if (await desk.ViewAsync(id, ct) is not { } order) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, order.Version);
            return Results.Ok(order);
        }).RequireAnyPermission(eitherSide);
        api.MapPost("", async (OrderInput input, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.OpenAsync(input, ct)).ToHttp(o =>
            {
                Versioning.SetETag(http, o.Version);
                return Results.Created($"/api/community/group-orders/{o.Id}", o);
            })).RequirePermission(Permission.ManageCommunity).Idempotent();
        api.MapPut("/{id:guid}/lines", (Guid id, LinesInput input, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.SetLinesAsync(id, expected, input, ct), o => o.Version)).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/{id:guid}/submit", (Guid id, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.SubmitAsync(id, expected, ct), o => o.Version)).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/{id:guid}/cancel", (Guid id, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.CancelAsync(id, expected, ct), o => o.Version)).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/{id:guid}/confirm", (Guid id, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.ConfirmAsync(id, expected, ct), o => o.Version)).RequirePermission(Permission.SupplyGroupOrders);
        api.MapPost("/{id:guid}/decline", (Guid id, DeclineInput input, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.DeclineAsync(id, expected, input, ct), o => o.Version)).RequirePermission(Permission.SupplyGroupOrders);
        api.MapPost("/{id:guid}/distributions", (Guid id, DistributionInput input, GroupOrderDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.DistributeAsync(id, expected, input, ct), o => o.Version)).RequirePermission(Permission.ManageCommunity).Idempotent();

        api.MapPost("/schedule", async (ScheduleInput input, GroupOrderDesk desk, CancellationToken ct) =>
            (await desk.ScheduleAsync(input, ct)).ToHttp(Results.Ok)).RequirePermission(Permission.SupplyGroupOrders);
        api.MapGet("/schedule", async (GroupOrderDesk desk, TimeProvider clock, DateOnly? from, int? days, CancellationToken ct) =>
            Results.Ok(await desk.ScheduledAsync(from ?? ChinaTime.Today(clock), Math.Clamp(days ?? 7, 1, 31), ct))).RequireAnyPermission(eitherSide);
        api.MapGet("/schedule.xlsx", async (GroupOrderExport export, TimeProvider clock, DateOnly? from, int? days, int? lang, CancellationToken ct) =>
        {
            var start = from ?? ChinaTime.Today(clock);
            var (content, _) = await export.ScheduleXlsxAsync(start, Math.Clamp(days ?? 7, 1, 31), lang ?? 0, ct);
            return Results.File(content, SheetFiles.XlsxContentType, $"group-order-schedule-{start:yyyyMMdd}.xlsx");
        }).RequireAnyPermission(eitherSide);

        return app;
    }
}

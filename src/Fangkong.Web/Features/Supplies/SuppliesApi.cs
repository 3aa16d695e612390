using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Supplies;

public static class SuppliesApi
{
    public static IEndpointRouteBuilder MapSuppliesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supplies").WithTags("Supplies");

        api.MapGet("/products", async (Catalogue catalogue, bool? all, CancellationToken ct) =>
            Results.Ok(await catalogue.ListAsync(all ?? false, ct))).RequirePermission(Permission.ViewSupplies);

        api.MapGet("/products/{id:guid}", async (Guid id, Catalogue catalogue, HttpContext http, CancellationToken ct) =>
        {
            var product = await catalogue.FindAsync(id, ct);
            if (product is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, product.Version);
            return Results.Ok(ProductDto.From(product));
        }).RequirePermission(Permission.ViewSupplies);

        api.MapPost("/products", async (ProductInput input, Catalogue catalogue, HttpContext http, CancellationToken ct) =>
            (await catalogue.CreateAsync(input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Created($"/api/supplies/products/{p.Id}", ProductDto.From(p));
            })).RequirePermission(Permission.ManageCatalogue).Idempotent();

        api.MapPut("/products/{id:guid}", async (Guid id, ProductInput input, Catalogue catalogue, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await catalogue.UpdateAsync(id, expected!.Value, input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Ok(ProductDto.From(p));
            });
        }).RequirePermission(Permission.ManageCatalogue);

        api.MapPost("/movements", async (MovementInput input, StockLedger ledger, CancellationToken ct) =>
            (await ledger.RecordAsync(input, ct)).ToHttp(r => Results.Created($"/api/supplies/stock/{r.FacilityId}?productId={r.ProductId}", r)))
            .RequirePermission(Permission.RecordStock).Idempotent();

        api.MapPost("/requests", async (SupplyRequestInput input, SupplyRequests requests, CancellationToken ct) =>
            (await requests.RaiseAsync(input, ct)).ToHttp(r => Results.Created($"/api/supplies/requests/{r.Id}", r)))
            .RequirePermission(Permission.RecordStock).Idempotent();

        api.MapGet("/requests", async (SupplyRequests requests, string? status, Guid? facilityId, CancellationToken ct) =>
            Results.Ok(await requests.ListAsync(status, facilityId, ct))).RequirePermission(Permission.ViewSupplies);

        api.MapGet("/plans", async (SupplyPlanning planning, CancellationToken ct) => Results.Ok(await planning.ListAsync(100, ct)))
            .RequirePermission(Permission.PlanSupplies);

        api.MapPost("/plans", async (PlanRequest request, SupplyPlanning planning, HttpContext http, CancellationToken ct) =>
            (await planning.RunAsync(request, ct)).ToHttp(plan =>
            {
                Versioning.SetETag(http, plan.Version);
                return Results.Created($"/api/supplies/plans/{plan.Id}", new { plan.Id, plan.Version });
            })).RequirePermission(Permission.PlanSupplies).Idempotent();

        api.MapGet("/plans/{id:guid}", async (Guid id, SupplyPlanning planning, HttpContext http, CancellationToken ct) =>
        {
            var plan = await planning.ViewAsync(id, ct);
            if (plan is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, plan.Version);
            return Results.Ok(plan);
        }).RequirePermission(Permission.PlanSupplies);

        api.MapPost("/plans/{id:guid}/adjust", (Guid id, PlanAdjustment change, SupplyPlanning planning, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => planning.AdjustAsync(id, expected, change, ct), p => p.Version))
            .RequirePermission(Permission.PlanSupplies);

        api.MapPost("/plans/{id:guid}/approve", (Guid id, SupplyPlanning planning, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => planning.ApproveAsync(id, expected, ct), p => p.Version))
            .RequirePermission(Permission.PlanSupplies);

        api.MapPost("/plans/{id:guid}/discard", (Guid id, SupplyPlanning planning, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => planning.DiscardAsync(id, expected, ct), p => p.Version))
            .RequirePermission(Permission.PlanSupplies);

        api.MapGet("/orders", async (Deliveries deliveries, string? status, Guid? facilityId, Guid? productId, Guid? planId, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await deliveries.ListAsync(new OrderFilter(status, facilityId, productId, planId), Paging.From(page, pageSize), ct)))
            .RequirePermission(Permission.ViewSupplies);

        api.MapGet("/orders/{id:guid}", async (Guid id, Deliveries deliveries, HttpContext http, CancellationToken ct) =>
        {
            var order = await deliveries.FindAsync(id, ct);
            if (order is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, order.Version);
            return Results.Ok(order);
        }).RequirePermission(Permission.ViewSupplies);

        api.MapPost("/orders/{id:guid}/dispatch", (Guid id, Deliveries deliveries, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => deliveries.DispatchAsync(id, expected, ct), o => o.Version)).RequirePermission(Permission.HandleDeliveries);

        api.MapPost("/orders/{id:guid}/in-transit", (Guid id, Deliveries deliveries, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => deliveries.MarkInTransitAsync(id, expected, ct), o => o.Version)).RequirePermission(Permission.HandleDeliveries);

        api.MapPost("/orders/{id:guid}/receive", (Guid id, ReceiptInput input, Deliveries deliveries, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => deliveries.ReceiveAsync(id, expected, input, ct), o => o.Version)).RequirePermission(Permission.HandleDeliveries);

        api.MapPost("/orders/{id:guid}/cancel", (Guid id, Deliveries deliveries, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => deliveries.CancelAsync(id, expected, ct), o => o.Version)).RequirePermission(Permission.HandleDeliveries);

        return app;
    }
}

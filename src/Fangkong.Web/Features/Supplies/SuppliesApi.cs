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
            })).RequirePermission(Permission.ManageCatalogue).AddEndpointFilter<IdempotencyFilter>();

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
            .RequirePermission(Permission.RecordStock).AddEndpointFilter<IdempotencyFilter>();

        return app;
    }
}

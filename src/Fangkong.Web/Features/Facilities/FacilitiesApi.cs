using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Facilities;

public static class FacilitiesApi
{
    public static IEndpointRouteBuilder MapFacilitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/facilities").WithTags("Facilities");

        api.MapGet("", async (FacilityRegistry registry, string? kind, string? division, string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (filter, problem) = FacilityFilter.FromQuery(kind, division, q);
            return problem ?? Results.Ok(await registry.ListAsync(filter!, Paging.From(page, pageSize), ct));
        }).RequirePermission(Permission.ViewFacilities);

        api.MapGet("/count", async (FacilityRegistry registry, string? kind, string? division, string? q, CancellationToken ct) =>
        {
            var (filter, problem) = FacilityFilter.FromQuery(kind, division, q);
            return problem ?? Results.Ok(new { count = await registry.Query(filter!).CountAsync(ct) });
        }).RequirePermission(Permission.ViewFacilities);

        api.MapGet("/{id:guid}", async (Guid id, FacilityRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var facility = await registry.FindAsync(id, ct);
            if (facility is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, facility.Version);
            return Results.Ok(FacilityDto.From(facility));
        }).RequirePermission(Permission.ViewFacilities);

        api.MapPost("", async (FacilityInput input, FacilityRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await registry.CreateAsync(input, ct);
            return outcome.ToHttp(f =>
            {
                Versioning.SetETag(http, f.Version);
                return Results.Created($"/api/facilities/{f.Id}", FacilityDto.From(f));
            });
        }).RequirePermission(Permission.EditFacilities).Idempotent();

        api.MapPut("/{id:guid}", async (Guid id, FacilityInput input, FacilityRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            var outcome = await registry.UpdateAsync(id, expected!.Value, input, ct);
            return outcome.ToHttp(f =>
            {
                Versioning.SetETag(http, f.Version);
                return Results.Ok(FacilityDto.From(f));
            });
        }).RequirePermission(Permission.EditFacilities);

        api.MapDelete("/{id:guid}", async (Guid id, FacilityRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await registry.DeleteAsync(id, expected!.Value, ct)).ToHttp(_ => Results.NoContent());
        }).RequirePermission(Permission.EditFacilities);

        return app;
    }
}

using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.People;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/people").WithTags("People");

        api.MapGet("", async (PeopleRegistry registry, string? division, string? q, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await registry.ListAsync(new PersonFilter(division, q), Paging.From(page, pageSize), ct)))
            .RequirePermission(Permission.ViewPeople);

        api.MapGet("/count", async (PeopleRegistry registry, string? division, string? q, CancellationToken ct) =>
            Results.Ok(new { count = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(registry.Query(new PersonFilter(division, q)), ct) }))
            .RequirePermission(Permission.ViewPeople);

        api.MapGet("/{id:guid}", async (Guid id, PeopleRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var person = await registry.FindAsync(id, ct);
            if (person is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, person.Version);
            return Results.Ok(PersonDto.Masked(person));
        }).RequirePermission(Permission.ViewPeople);

        api.MapPost("", async (PersonInput input, PeopleRegistry registry, HttpContext http, CancellationToken ct) =>
            (await registry.RegisterAsync(input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Created($"/api/people/{p.Id}", PersonDto.Masked(p));
            })).RequirePermission(Permission.EditPeople).AddEndpointFilter<IdempotencyFilter>();

        api.MapPut("/{id:guid}", async (Guid id, PersonInput input, PeopleRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await registry.ReviseAsync(id, expected!.Value, input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Ok(PersonDto.Masked(p));
            });
        }).RequirePermission(Permission.EditPeople);

        api.MapPost("/{id:guid}/reveal", async (Guid id, RevealRequest request, PeopleRegistry registry, CancellationToken ct) =>
            (await registry.RevealAsync(id, request, ct)).ToHttp(value => Results.Ok(new { field = request.Field, value })))
            .RequirePermission(Permission.RevealPersonalData);

        return app;
    }
}

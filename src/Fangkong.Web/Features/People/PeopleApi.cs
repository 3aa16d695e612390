using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.People;

public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/people").WithTags("People");

        api.MapGet("", async (PeopleRegistry registry, string? division, string? q, int? page, int? pageSize, CancellationToken ct) =>
            NumberInUrl(q) ?? Results.Ok(await registry.ListAsync(new PersonFilter(division, q), Paging.From(page, pageSize), ct)))
            .RequirePermission(Permission.ViewPeople);

        // Searching by a full ID number or phone goes in a body, so the number never lands in a URL,
        // a proxy log or the browser history.
        api.MapPost("/search", async (PeopleRegistry registry, PersonSearch search, CancellationToken ct) =>
            Results.Ok(await registry.ListAsync(new PersonFilter(search.Division, search.Q), Paging.From(search.Page, search.PageSize), ct)))
            .RequirePermission(Permission.ViewPeople);

        api.MapGet("/count", async (PeopleRegistry registry, string? division, string? q, CancellationToken ct) =>
            NumberInUrl(q) ?? Results.Ok(new { count = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(registry.Query(new PersonFilter(division, q)), ct) }))
            .RequirePermission(Permission.ViewPeople);

        api.MapGet("/{id:guid}", async (Guid id, PeopleRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var person = await registry.FindAsync(id, ct);
            if (person is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, person.Version);
            return Results.Ok(registry.Mask(person));
        }).RequirePermission(Permission.ViewPeople);

        api.MapPost("", async (PersonInput input, PeopleRegistry registry, HttpContext http, CancellationToken ct) =>
            (await registry.RegisterAsync(input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Created($"/api/people/{p.Id}", registry.Mask(p));
            })).RequirePermission(Permission.EditPeople).Idempotent();

        api.MapPut("/{id:guid}", async (Guid id, PersonInput input, PeopleRegistry registry, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await registry.ReviseAsync(id, expected!.Value, input, ct)).ToHttp(p =>
            {
                Versioning.SetETag(http, p.Version);
                return Results.Ok(registry.Mask(p));
            });
        }).RequirePermission(Permission.EditPeople);

        api.MapPost("/{id:guid}/reveal", async (Guid id, RevealRequest request, PeopleRegistry registry, CancellationToken ct) =>
            (await registry.RevealAsync(id, request, ct)).ToHttp(value => Results.Ok(new { field = request.Field, value })))
            .RequirePermission(Permission.RevealPersonalData);

        return app;
    }

    private static IResult? NumberInUrl(string? q) => q is not null && q.Any(char.IsAsciiDigit)
        ? new FieldErrors().Add("q", "按身份证号或电话查询请用 POST /api/people/search，号码不应出现在网址中 / search by ID number or phone with POST /api/people/search, not in the URL").ToProblem()
        : null;
}

public sealed record PersonSearch(string? Q, string? Division, int? Page, int? PageSize);

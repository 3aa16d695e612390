using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Divisions;

public sealed record DivisionDto(string Code, string Name, string? ParentCode, DivisionLevel Level, string CityCode,
    long? Population, long? Age0To14, long? Age15To64, long? Age65Plus, bool PopulationIsCensus, int ChildCount);

public static class DivisionsApi
{
    public static IEndpointRouteBuilder MapDivisionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/divisions").WithTags("Divisions").RequireSignedIn();

        api.MapGet("", async (DivisionDirectory directory, CancellationToken ct) => Results.Ok(await directory.CitiesAsync(ct)));

        api.MapGet("/{code}", async (string code, DivisionDirectory directory, CancellationToken ct) =>
            await directory.GetAsync(code, ct) is { } d
                ? Results.Ok(new { division = d, ancestors = await directory.AncestorsAsync(code, ct) })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"区划 {code} 不存在 / division not found"));

        api.MapGet("/{code}/children", async (string code, DivisionDirectory directory, CancellationToken ct) =>
            await directory.GetAsync(code, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"区划 {code} 不存在 / division not found")
                : Results.Ok(await directory.ChildrenAsync(code, ct)));

        api.MapGet("/search", async (string? q, string? within, int? limit, DivisionDirectory directory, CancellationToken ct) =>
            Results.Ok(await directory.SearchAsync(q, within, Math.Clamp(limit ?? 50, 1, 200), ct)));

        return app;
    }
}

// Read side of the division tree, shared by the API and the pages.
public sealed class DivisionDirectory(FangkongDb db)
{
    public Task<List<DivisionDto>> CitiesAsync(CancellationToken ct) =>
        Project(db.Divisions.Where(d => d.Level == DivisionLevel.City).OrderBy(d => d.Code)).ToListAsync(ct);

    public Task<DivisionDto?> GetAsync(string code, CancellationToken ct) =>
        Project(db.Divisions.Where(d => d.Code == code)).FirstOrDefaultAsync(ct);

    public Task<List<DivisionDto>> ChildrenAsync(string code, CancellationToken ct) =>
        Project(db.Divisions.Where(d => d.ParentCode == code).OrderBy(d => d.Code)).ToListAsync(ct);

    public async Task<List<DivisionDto>> AncestorsAsync(string code, CancellationToken ct)
    {
        var codes = new List<string>();
        for (var c = DivisionCodes.IsWellFormed(code) ? DivisionCodes.ParentOf(code) : null; c is not null; c = DivisionCodes.ParentOf(c))
            codes.Add(c);
        var found = await Project(db.Divisions.Where(d => codes.Contains(d.Code))).ToListAsync(ct);
        return found.OrderBy(d => d.Code.Length).ToList();
    }

    public async Task<Dictionary<string, string>> NamesAsync(IReadOnlyCollection<string> codes, CancellationToken ct) =>
        await db.Divisions.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);

    public async Task<List<DivisionDto>> SearchAsync(string? q, string? within, int limit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return [];
        var term = q.Trim();
        var query = db.Divisions.AsQueryable();
        if (!string.IsNullOrWhiteSpace(within)) query = query.Where(d => d.Code.StartsWith(within));
        query = term.All(char.IsAsciiDigit)
            ? query.Where(d => d.Code.StartsWith(term))
            : query.Where(d => d.Name.Contains(term));
        return await Project(query.OrderBy(d => d.Level).ThenBy(d => d.Code).Take(limit)).ToListAsync(ct);
    }

    private IQueryable<DivisionDto> Project(IQueryable<Division> q) => q.Select(d => new DivisionDto(
        d.Code, d.Name, d.ParentCode, d.Level, d.CityCode, d.Population, d.Age0To14, d.Age15To64, d.Age65Plus,
        d.PopulationIsCensus, db.Divisions.Count(c => c.ParentCode == d.Code)));
}

using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Overview;

public sealed record AreaMeasures(string Code, string Name, long? Population, long? Age65Plus, double? Age65Share,
    int Facilities, int Beds, int IcuBeds, int ShelterBeds, int Pharmacies, int CommunityHealthCentres, int FeverClinics,
    int NewInfections7d, double? Incidence7dPer100k);

public sealed record OverviewDto(DivisionDto Division, IReadOnlyList<DivisionDto> Ancestors, IReadOnlyList<AreaMeasures> Children,
    IReadOnlyDictionary<FacilityKind, int> FacilitiesByKind, string? MapName);

// The situation of one division and its children. Division figures are public; every facility figure
// comes through the jurisdiction filter, so a district user's map shows only what that user may see.
public sealed class OverviewService(FangkongDb db, DivisionDirectory directory)
{
    public async Task<OverviewDto?> GetAsync(string code, CancellationToken ct)
    {
        var division = await directory.GetAsync(code, ct);
        if (division is null) return null;
        var children = await directory.ChildrenAsync(code, ct);
        var childLength = children.FirstOrDefault()?.Code.Length ?? code.Length;
        var facilities = db.Facilities.AsNoTracking().Where(f => f.DivisionCode.StartsWith(code));
        var byChild = childLength > code.Length
            ? await facilities.GroupBy(f => new { Area = f.DivisionCode.Substring(0, childLength), f.Kind })
                .Select(g => new { g.Key.Area, g.Key.Kind, Count = g.Count(), Beds = g.Sum(f => f.Beds ?? 0), Icu = g.Sum(f => f.IcuBeds ?? 0) })
                .ToListAsync(ct)
            : [];
        var byKind = await facilities.GroupBy(f => f.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // The last seven reported days under this division (reports are scoped like facilities).
        var reports = db.DailyReports.AsNoTracking().Where(r => r.DivisionCode.StartsWith(code));
        var lastDay = await reports.MaxAsync(r => (DateOnly?)r.Date, ct);
        var recent = lastDay is { } last && childLength > code.Length
            ? await reports.Where(r => r.Date > last.AddDays(-7))
                .GroupBy(r => r.DivisionCode.Substring(0, childLength))
                .Select(g => new { Area = g.Key, Count = g.Sum(r => r.Asymptomatic + r.Mild + r.Moderate + r.Severe + r.Critical) })
                .ToDictionaryAsync(x => x.Area, x => x.Count, ct)
            : [];

        var measures = children.Select(c =>
        {
            var rows = byChild.Where(r => r.Area == c.Code).ToList();
            return new AreaMeasures(c.Code, c.Name, c.Population, c.Age65Plus,
                c.Population is > 0 && c.Age65Plus is { } old ? Math.Round((double)old / c.Population.Value, 4) : null,
                rows.Sum(r => r.Count),
                rows.Where(r => r.Kind is FacilityKind.DesignatedHospital or FacilityKind.GeneralHospital).Sum(r => r.Beds),
                rows.Sum(r => r.Icu),
                rows.Where(r => r.Kind == FacilityKind.ShelterHospital).Sum(r => r.Beds),
                rows.Where(r => r.Kind == FacilityKind.Pharmacy).Sum(r => r.Count),
                rows.Where(r => r.Kind == FacilityKind.CommunityHealthCentre).Sum(r => r.Count),
                rows.Where(r => r.Kind == FacilityKind.FeverClinic).Sum(r => r.Count),
                recent.GetValueOrDefault(c.Code),
                c.Population is > 0 ? Math.Round(recent.GetValueOrDefault(c.Code) * 100_000.0 / c.Population.Value, 1) : null);
        }).ToList();

        var mapName = division.Level == DivisionLevel.City ? ProvinceMaps.DistrictMapFor(division.Code) : null;
        return new OverviewDto(division, await directory.AncestorsAsync(code, ct), measures,
            byKind.ToDictionary(k => k.Key, k => k.Count), mapName);
    }
}

public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/overview/{code}", async (string code, OverviewService overview, CancellationToken ct) =>
                await overview.GetAsync(code, ct) is { } dto ? Results.Ok(dto)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"区划 {code} 不存在 / division not found"))
            .RequirePermission(Permission.ViewFacilities).WithTags("Overview");
        return app;
    }
}

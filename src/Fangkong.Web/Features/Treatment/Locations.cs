using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

// Where a resident of a division is, for distances: the platform stores no home coordinates, so a
// residence stands for its street's community health centre (every street has one), else the mean
// position of the street's registered facilities, else the district's. Good to a few kilometres,
// which is what choosing the nearest hospital or ambulance base needs.
public sealed class Locations(FangkongDb db)
{
    public async Task<Dictionary<string, (double Latitude, double Longitude)>> PointsAsync(IEnumerable<string> divisionCodes, CancellationToken ct)
    {
        var codes = divisionCodes.Distinct().ToList();
        var streets = codes.Select(StreetOf).Distinct().ToList();
        var districts = codes.Select(DivisionCodes.DistrictOf).Distinct().ToList();
        // unscoped: facility coordinates are reference data (no personal data)
        var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.Latitude != null && f.Longitude != null && districts.Contains(f.DistrictCode))
            .Select(f => new { f.DivisionCode, f.DistrictCode, f.Kind, Latitude = f.Latitude!.Value, Longitude = f.Longitude!.Value })
            .ToListAsync(ct);
        var byStreet = facilities.GroupBy(f => StreetOf(f.DivisionCode)).ToDictionary(g => g.Key, g =>
        {
            var centre = g.FirstOrDefault(f => f.Kind == FacilityKind.CommunityHealthCentre);
            return centre is not null ? (centre.Latitude, centre.Longitude) : (g.Average(f => f.Latitude), g.Average(f => f.Longitude));
        });
        var byDistrict = facilities.GroupBy(f => f.DistrictCode).ToDictionary(g => g.Key, g => (g.Average(f => f.Latitude), g.Average(f => f.Longitude)));
        var points = new Dictionary<string, (double, double)>();
        foreach (var code in codes)
        {
            if (byStreet.TryGetValue(StreetOf(code), out var p)) points[code] = p;
            else if (byDistrict.TryGetValue(DivisionCodes.DistrictOf(code), out var d)) points[code] = d;
        }
        return points;
    }

    private static string StreetOf(string code) => code.Length >= 9 ? code[..9] : code;
}

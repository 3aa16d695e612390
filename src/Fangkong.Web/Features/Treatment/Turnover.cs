using System.Globalization;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

public sealed record TurnoverDay(DateOnly Date, int Admissions, int Discharges, bool DischargesExceedAdmissions);

public sealed record FacilityTurnover(Guid FacilityId, string Name, string DivisionCode, int Beds, int Occupied, int Reserved, int Free,
    double? Occupancy, int Admissions, int Discharges, int Admissions7d, int Discharges7d, double? MeanStayDays, int FreedTomorrow,
    double ExpectedAdmissions, bool DischargesExceedAdmissions, bool WillBeFull);

public sealed record DistrictTurnover(string Code, string Name, int Beds, int Free, double? Occupancy, int Waiting, int FreedTomorrow,
    double ExpectedAdmissions, bool WillBeFull);

public sealed record TurnoverReport(string DivisionCode, string DivisionName, DateOnly From, DateOnly To, IReadOnlyList<TurnoverDay> Days,
    int Admissions, int Discharges, int Admissions7d, int Discharges7d, double? MeanStayDays, int FreedTomorrow, bool DischargesExceedAdmissions,
    IReadOnlyList<FacilityTurnover> Facilities, IReadOnlyList<DistrictTurnover> Districts);

// Bed turnover (床位周转) from the patient events of the wards in scope: admissions and discharges per
// day and facility over the last 14 days (China days), mean length of stay of those discharged,
// beds that expected discharges free by the end of tomorrow, and the "discharges exceed admissions"
// signal (出院数大于入院数, over the last 7 days) that tells the command the wave has turned in a
// hospital. Expected admissions for tomorrow are the last 7 days' daily mean (plus, for a district,
// its residents still waiting for a bed); a facility or district will be full when its free beds
// do not cover them or it is more than 95 % occupied.
public sealed class Turnover(FangkongDb db, TreatmentBoard board, DivisionDirectory divisions, UiText text, TimeProvider clock)
{
    public const int WindowDays = 14;
    public const int RecentDays = 7;
    public const double FullOccupancy = 95.0;

    public async Task<TurnoverReport?> ReportAsync(string? division, CancellationToken ct)
    {
        var scope = string.IsNullOrWhiteSpace(division) ? await board.HomeDivisionAsync(ct) : division.Trim();
        if (scope is null) return null;
        var info = await divisions.GetAsync(scope, ct);
        if (info is null) return null;
        var wards = await board.WardsAsync(null, scope, ct);
        var wardIds = wards.Select(w => w.Id).ToList();
        var facilityOf = wards.ToDictionary(w => w.Id, w => w.FacilityId);

        var today = ChinaTime.Today(clock);
        var from = today.AddDays(-(WindowDays - 1));
        var fromUtc = ChinaTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var recentFrom = today.AddDays(-(RecentDays - 1));
        var tomorrowEndUtc = ChinaTime.ToUtc(today.AddDays(2).ToDateTime(TimeOnly.MinValue));

        var events = await db.PatientEvents.AsNoTracking()
            .Where(e => e.At >= fromUtc && ((e.Kind == PatientEventKind.Admitted && e.ToWardId != null && wardIds.Contains(e.ToWardId.Value))
                || (e.Kind == PatientEventKind.Discharged && e.FromWardId != null && wardIds.Contains(e.FromWardId.Value))))
            .Select(e => new { e.PatientId, e.Kind, e.At, Ward = e.Kind == PatientEventKind.Admitted ? e.ToWardId!.Value : e.FromWardId!.Value })
            .ToListAsync(ct);
        var moves = events.Select(e => (e.PatientId, e.Kind, Day: DateOnly.FromDateTime(ChinaTime.FromUtc(e.At)), Facility: facilityOf[e.Ward], e.At)).ToList();

        // Length of stay from each discharged patient's first admission (which may precede the window).
        var dischargedIds = moves.Where(m => m.Kind == PatientEventKind.Discharged).Select(m => m.PatientId).Distinct().ToList();
        var admittedAt = (await db.PatientEvents.AsNoTracking()
                .Where(e => e.Kind == PatientEventKind.Admitted && dischargedIds.Contains(e.PatientId))
                .Select(e => new { e.PatientId, e.At }).ToListAsync(ct))
            .GroupBy(e => e.PatientId).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        double? MeanStay(IEnumerable<(Guid PatientId, PatientEventKind Kind, DateOnly Day, Guid Facility, DateTime At)> of)
        {
            var stays = of.Where(m => m.Kind == PatientEventKind.Discharged && admittedAt.ContainsKey(m.PatientId))
                .Select(m => (m.At - admittedAt[m.PatientId]).TotalDays).ToList();
            return stays.Count == 0 ? null : Math.Round(stays.Average(), 1);
        }

        // Every patient in a ward the caller sees passes the patients' filter (it includes their wards).
        var inWards = await db.Patients.AsNoTracking()
            .Where(p => p.Status == PatientStatus.Admitted && p.WardId != null && wardIds.Contains(p.WardId.Value))
            .Select(p => new { Ward = p.WardId!.Value, p.ExpectedDischarge }).ToListAsync(ct);
        var freedTomorrow = inWards.Where(p => p.ExpectedDischarge < tomorrowEndUtc).GroupBy(p => facilityOf[p.Ward]).ToDictionary(g => g.Key, g => g.Count());

        var days = Enumerable.Range(0, WindowDays).Select(i => from.AddDays(i)).Select(d =>
        {
            var a = moves.Count(m => m.Day == d && m.Kind == PatientEventKind.Admitted);
            var x = moves.Count(m => m.Day == d && m.Kind == PatientEventKind.Discharged);
            return new TurnoverDay(d, a, x, x > a);
        }).ToList();

        var facilities = wards.GroupBy(w => w.FacilityId).Select(g =>
        {
            var mine = moves.Where(m => m.Facility == g.Key).ToList();
            var (beds, occupied, reserved, free) = (g.Sum(w => w.Beds), g.Sum(w => w.Occupied), g.Sum(w => w.Reserved), g.Sum(w => w.Free));
            var a7 = mine.Count(m => m.Kind == PatientEventKind.Admitted && m.Day >= recentFrom);
            var d7 = mine.Count(m => m.Kind == PatientEventKind.Discharged && m.Day >= recentFrom);
            var expected = Math.Round(a7 / (double)RecentDays, 1);
            double? occupancy = beds == 0 ? null : Math.Round(100.0 * (occupied + reserved) / beds, 1);
            return new FacilityTurnover(g.Key, g.First().FacilityName, g.First().DivisionCode, beds, occupied, reserved, free, occupancy,
                mine.Count(m => m.Kind == PatientEventKind.Admitted), mine.Count(m => m.Kind == PatientEventKind.Discharged), a7, d7, MeanStay(mine),
                freedTomorrow.GetValueOrDefault(g.Key), expected, d7 > a7, WillBeFull(free, expected, occupancy));
        }).OrderByDescending(f => f.WillBeFull).ThenByDescending(f => f.Occupancy ?? 0).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();

        var districts = new List<DistrictTurnover>();
        var districtCodes = scope.Length >= 6 ? [scope[..6]] : facilities.Select(f => f.DivisionCode[..6]).Distinct().Order(StringComparer.Ordinal).ToList();
        var names = await divisions.NamesAsync(districtCodes, ct);
        var waiting = await board.VisiblePatients().AsNoTracking()
            .Where(p => p.Status == PatientStatus.Waiting && p.DivisionCode.StartsWith(scope))
            .GroupBy(p => p.DistrictCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var code in districtCodes)
        {
            var here = facilities.Where(f => f.DivisionCode.StartsWith(code, StringComparison.Ordinal)).ToList();
            var (beds, free) = (here.Sum(f => f.Beds), here.Sum(f => f.Free));
            double? occupancy = beds == 0 ? null : Math.Round(100.0 * (beds - free) / beds, 1);
            var wait = waiting.GetValueOrDefault(code);
            var expected = Math.Round(here.Sum(f => f.ExpectedAdmissions) + wait, 1);
            districts.Add(new DistrictTurnover(code, names.GetValueOrDefault(code, code), beds, free, occupancy, wait, here.Sum(f => f.FreedTomorrow), expected,
                WillBeFull(free, expected, occupancy)));
        }

        var a14 = days.Sum(d => d.Admissions);
        var d14 = days.Sum(d => d.Discharges);
        var recentA = moves.Count(m => m.Kind == PatientEventKind.Admitted && m.Day >= recentFrom);
        var recentD = moves.Count(m => m.Kind == PatientEventKind.Discharged && m.Day >= recentFrom);
        return new TurnoverReport(scope, info.Name, from, today, days, a14, d14, recentA, recentD, MeanStay(moves), freedTomorrow.Values.Sum(),
            recentD > recentA, facilities, districts);
    }

    private static bool WillBeFull(int free, double expectedAdmissions, double? occupancy) =>
        free - expectedAdmissions < 0 || occupancy > FullOccupancy;

    // The same shape as the surveillance bed warnings, merged into /api/surveillance/{code}/warnings.
    public async Task<List<Warning>> WarningsAsync(string code, CancellationToken ct)
    {
        var report = await ReportAsync(code, ct);
        if (report is null) return [];
        var tomorrow = report.To.AddDays(1);
        var warnings = new List<Warning>();
        foreach (var d in report.Districts.Where(d => d.WillBeFull))
            warnings.Add(Make(d.Code, d.Name, d.Name, d.Free, d.ExpectedAdmissions, d.Occupancy, $"/Treatment/Turnover?division={d.Code}"));
        foreach (var f in report.Facilities.Where(f => f.WillBeFull))
        {
            var district = f.DivisionCode[..6];
            var districtName = report.Districts.FirstOrDefault(d => d.Code == district)?.Name ?? district;
            warnings.Add(Make(district, districtName, f.Name, f.Free, f.ExpectedAdmissions, f.Occupancy, $"/Treatment/Facility/{f.FacilityId}"));
        }
        return warnings;

        Warning Make(string divisionCode, string divisionName, string what, int free, double expected, double? occupancy, string link)
        {
            var short_ = free - expected < 0;
            var occupancyText = occupancy?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—";
            return new Warning(short_ ? "critical" : "high", "beds:turnover", divisionCode, divisionName, short_ ? report.To : tomorrow, short_ ? 0 : 1,
                expected, free, text["treatment.warning.title", what, occupancyText],
                text["treatment.warning.evidence", free.ToString("N0", CultureInfo.CurrentCulture), expected.ToString("0.0", CultureInfo.CurrentCulture), occupancyText],
                link);
        }
    }
}

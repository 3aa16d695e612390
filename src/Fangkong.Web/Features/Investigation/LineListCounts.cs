using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

// A confirmed case counts once in the surveillance module's daily report of its committee on the day
// it was confirmed (China time). The increment is one atomic UPDATE, so concurrent confirmations in
// one committee never lose a count; where the day is already reported at street or district level,
// that report is incremented instead (a committee report beside it would count the day twice).
public sealed class LineListCounts(FangkongDb db, TimeProvider clock)
{
    // Off only for the demo's illustrative investigations: the demo city's curve is its own synthetic
    // wave (spring 2022 dates), which a handful of cases dated today would distort.
    public bool Enabled { get; set; } = true;

    public async Task CountAsync(string committee, DateTime confirmedAtUtc, Severity severity, CancellationToken ct)
    {
        if (!Enabled) return;
        var date = DateOnly.FromDateTime(Platform.Localization.ChinaTime.FromUtc(confirmedAtUtc));
        var district = DivisionCodes.DistrictOf(committee);
        var levels = new List<string>();
        for (string? code = committee; code is { Length: >= 6 }; code = DivisionCodes.ParentOf(code)) levels.Add(code);
        // unscoped: daily reports are aggregate counts (no personal data); the widest report of the day may be a district's above the caller
        var existing = await db.DailyReports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.DistrictCode == district && r.Date == date && levels.Contains(r.DivisionCode)).Select(r => r.DivisionCode).ToListAsync(ct);
        // The widest existing report of the day takes the count (it is the one surveillance sums).
        var target = levels.LastOrDefault(existing.Contains) ?? committee;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await IncrementAsync(district, date, target, severity, ct) == 1) return;
            var report = new DailyReport(target, date, Counts(severity), 0, 0, 0, clock.GetUtcNow().UtcDateTime);
            db.DailyReports.Add(report);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                // Another confirmation created the row first: increment it.
                db.Entry(report).State = EntityState.Detached;
            }
        }
        throw new InvalidOperationException($"could not count a case in the daily report of {target} on {date}");
    }

    private Task<int> IncrementAsync(string district, DateOnly date, string code, Severity severity, CancellationToken ct)
    {
        // unscoped: an aggregate count of the residence's report is incremented, whoever confirmed the case
        var row = db.DailyReports.IgnoreQueryFilters().Where(r => r.DistrictCode == district && r.Date == date && r.DivisionCode == code);
        return severity switch
        {
            Severity.Asymptomatic => row.ExecuteUpdateAsync(s => s.SetProperty(r => r.Asymptomatic, r => r.Asymptomatic + 1), ct),
            Severity.Mild => row.ExecuteUpdateAsync(s => s.SetProperty(r => r.Mild, r => r.Mild + 1), ct),
            Severity.Moderate => row.ExecuteUpdateAsync(s => s.SetProperty(r => r.Moderate, r => r.Moderate + 1), ct),
            Severity.Severe => row.ExecuteUpdateAsync(s => s.SetProperty(r => r.Severe, r => r.Severe + 1), ct),
            _ => row.ExecuteUpdateAsync(s => s.SetProperty(r => r.Critical, r => r.Critical + 1), ct),
        };
    }

    private static SeverityCounts Counts(Severity severity) => severity switch
    {
        Severity.Asymptomatic => new(1, 0, 0, 0, 0),
        Severity.Mild => new(0, 1, 0, 0, 0),
        Severity.Moderate => new(0, 0, 1, 0, 0),
        Severity.Severe => new(0, 0, 0, 1, 0),
        _ => new(0, 0, 0, 0, 1),
    };
}

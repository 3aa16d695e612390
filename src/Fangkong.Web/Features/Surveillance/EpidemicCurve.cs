using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Surveillance;

public sealed record CurveDay(DateOnly Date, int Asymptomatic, int Mild, int Moderate, int Severe, int Critical,
    int Imported, int Recovered, int Died, int NewInfections, int Local, long Cumulative, double Average7);

public sealed record CurveSummary(int Days, long TotalInfections, long TotalDeaths, double? GrowthRatePerDay, double? DoublingTimeDays,
    double LastAverage7, DateOnly? PeakDate, int PeakNewInfections);

public sealed record Curve(string DivisionCode, IReadOnlyList<CurveDay> Days, CurveSummary Summary);

// The daily and cumulative curve of a division: everything reported at or under it, through the
// jurisdiction filter (a district user's city curve is their district's).
public sealed class EpidemicCurves(FangkongDb db)
{
    public async Task<Curve> ForAsync(string divisionCode, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var q = db.DailyReports.AsNoTracking().Where(r => r.DivisionCode.StartsWith(divisionCode));
        // Within a district the primary key (district, date, division) serves the query directly.
        if (divisionCode.Length >= 6)
        {
            var district = divisionCode[..6];
            q = q.Where(r => r.DistrictCode == district);
        }
        if (from is { } f) q = q.Where(r => r.Date >= f);
        if (to is { } t) q = q.Where(r => r.Date <= t);
        var sums = await q.GroupBy(r => r.Date).Select(g => new
        {
            Date = g.Key,
            Asymptomatic = g.Sum(r => r.Asymptomatic), Mild = g.Sum(r => r.Mild), Moderate = g.Sum(r => r.Moderate),
            Severe = g.Sum(r => r.Severe), Critical = g.Sum(r => r.Critical), Imported = g.Sum(r => r.Imported),
            Recovered = g.Sum(r => r.Recovered), Died = g.Sum(r => r.Died),
        }).OrderBy(x => x.Date).ToListAsync(ct);
        if (sums.Count == 0) return new Curve(divisionCode, [], new CurveSummary(0, 0, 0, null, null, 0, null, 0));

        // Days without a report are days with no new infection: the series is made continuous.
        var byDate = sums.ToDictionary(s => s.Date);
        var days = new List<CurveDay>();
        long cumulative = 0;
        var window = new Queue<int>();
        var windowSum = 0;
        for (var d = sums[0].Date; d <= sums[^1].Date; d = d.AddDays(1))
        {
            var s = byDate.GetValueOrDefault(d);
            var (a, mi, mo, se, cr, im, re, di) = s is null ? (0, 0, 0, 0, 0, 0, 0, 0)
                : (s.Asymptomatic, s.Mild, s.Moderate, s.Severe, s.Critical, s.Imported, s.Recovered, s.Died);
            var total = a + mi + mo + se + cr;
            cumulative += total;
            window.Enqueue(total);
            windowSum += total;
            if (window.Count > 7) windowSum -= window.Dequeue();
            days.Add(new CurveDay(d, a, mi, mo, se, cr, im, re, di, total, total - im, cumulative, Math.Round((double)windowSum / window.Count, 2)));
        }
        return new Curve(divisionCode, days, Summarise(days));
    }

    // Growth rate: least-squares slope of log(7-day average) over the last 14 days; doubling time
    // ln 2 / r when growing (negative: halving time).
    public static CurveSummary Summarise(IReadOnlyList<CurveDay> days)
    {
        var recent = days.TakeLast(14).Where(d => d.Average7 > 0).ToList();
        double? rate = null;
        if (recent.Count >= 7)
        {
            var xs = recent.Select((_, i) => (double)i).ToArray();
            var ys = recent.Select(d => Math.Log(d.Average7)).ToArray();
            var mx = xs.Average();
            var my = ys.Average();
            var sxx = xs.Sum(x => (x - mx) * (x - mx));
            rate = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
        }
        double? doubling = rate is { } r && Math.Abs(r) > 1e-9 ? Math.Log(2) / r : null;
        var peak = days.MaxBy(d => d.NewInfections);
        return new CurveSummary(days.Count, days.Sum(d => (long)d.NewInfections), days.Sum(d => (long)d.Died),
            rate is null ? null : Math.Round(rate.Value, 5), doubling is null ? null : Math.Round(doubling.Value, 2),
            days[^1].Average7, peak?.Date, peak?.NewInfections ?? 0);
    }
}

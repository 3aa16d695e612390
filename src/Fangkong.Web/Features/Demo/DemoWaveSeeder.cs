using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// A synthetic epidemic wave for the demo city, so the surveillance pages have something to show:
// 120 days of street-level reports shaped like Shanghai's spring 2022 (a fast rise, a peak in
// April, a long tail), with each district's peak on its own day and the largest district still
// rising at the end. Deterministic. Clearly demo data: the numbers are generated, not reported.
public sealed class DemoWaveSeeder(FangkongDb db, TimeProvider clock, ILogger<DemoWaveSeeder> logger)
{
    public static readonly DateOnly FirstDay = new(2022, 3, 1);
    public const int Days = 120;

    // Shares of new infections by severity (Shanghai 2022: overwhelmingly asymptomatic or mild). The
    // late wave in the largest district reaches care homes, so it is more severe: the demo then shows
    // an ICU warning there, as a command centre would have seen one.
    private static readonly double[] SeverityShare = [0.86, 0.115, 0.018, 0.005, 0.002];
    private static readonly double[] LateWaveSeverityShare = [0.78, 0.16, 0.04, 0.012, 0.008];

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.DailyReports.IgnoreQueryFilters().AnyAsync(r => r.DivisionCode.StartsWith(cityCode), ct)) return 0;
        var streets = await db.Divisions.AsNoTracking().Where(d => d.CityCode == cityCode && d.Level == DivisionLevel.Street)
            .OrderBy(d => d.Code).ToListAsync(ct);
        var districts = streets.Select(s => DivisionCodes.DistrictOf(s.Code)).Distinct().OrderBy(c => c).ToList();
        var random = new SplitMix64(0xFA6C0DE ^ ulong.Parse(cityCode, System.Globalization.CultureInfo.InvariantCulture));
        // Each district: peak day and peak incidence per 100,000 residents. The most populous one peaks late.
        var largest = streets.GroupBy(s => DivisionCodes.DistrictOf(s.Code)).MaxBy(g => g.Sum(s => s.Population ?? 0))!.Key;
        var shape = districts.ToDictionary(d => d, d => d == largest
            ? (Peak: Days + 12.0, Height: 95.0, Width: 13.0)
            : (Peak: 35 + random.Next(40), Height: 20 + random.Next(60), Width: 9.0 + random.Next(6)));
        var now = clock.GetUtcNow().UtcDateTime;
        var reports = new List<DailyReport>(streets.Count * Days);
        var recoveredLater = new Dictionary<(string, int), int>();
        foreach (var street in streets)
        {
            var (peak, height, width) = shape[DivisionCodes.DistrictOf(street.Code)];
            var population = street.Population ?? 10_000;
            for (var day = 0; day < Days; day++)
            {
                var expected = population / 100_000.0 * height * Math.Exp(-Math.Pow((day - peak) / width, 2) / 2);
                var total = Poisson(expected, random);
                var counts = Split(total, DivisionCodes.DistrictOf(street.Code) == largest ? LateWaveSeverityShare : SeverityShare, random);
                var imported = total > 0 && random.NextDouble() < 0.02 ? 1 : 0;
                recoveredLater[(street.Code, day + 10)] = total - counts.Critical;
                var died = counts.Critical > 0 && random.NextDouble() < 0.15 ? 1 : 0;
                if (total == 0 && recoveredLater.GetValueOrDefault((street.Code, day)) == 0) continue;
                reports.Add(new DailyReport(street.Code, FirstDay.AddDays(day), counts, imported,
                    recoveredLater.GetValueOrDefault((street.Code, day)), died, now));
            }
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in reports.Chunk(5000))
        {
            db.DailyReports.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation("Seeded {Count} demo daily reports ({Days} days from {First}) for city {City}.", reports.Count, Days, FirstDay, cityCode);
        return reports.Count;
    }

    private static SeverityCounts Split(int total, double[] shares, SplitMix64 random)
    {
        var n = new int[5];
        for (var i = 0; i < total; i++)
        {
            var u = random.NextDouble();
            var k = 0;
            for (var acc = shares[0]; u > acc && k < 4; acc += shares[++k]) { }
            n[k]++;
        }
        return new SeverityCounts(n[0], n[1], n[2], n[3], n[4]);
    }

    // Knuth's method for small means, a rounded normal approximation for large ones.
    private static int Poisson(double mean, SplitMix64 random)
    {
        if (mean <= 0) return 0;
        if (mean > 50)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * z));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}

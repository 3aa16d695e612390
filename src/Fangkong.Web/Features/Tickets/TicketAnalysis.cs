using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Tickets;

public sealed record CategoryCount(TicketCategory Category, int Count);

public sealed record DistrictTickets(string DistrictCode, string? Name, int Total, int Overdue, double OverdueShare,
    IReadOnlyDictionary<TicketCategory, int> ByCategory, TicketCategory? TopCategory);

public sealed record TicketsAnalysis(DateOnly From, DateOnly To, int Total, int Overdue, double OverdueShare, double? AverageSatisfaction,
    IReadOnlyList<CategoryCount> TopCategories, IReadOnlyList<DistrictTickets> Districts);

// 高频问题分析: which problems residents raise most, by district, over a period (China dates,
// inclusive), and how many tickets missed their deadline — the open ones past it now and the closed
// ones answered late. One grouped query; the jurisdiction filter keeps a district to its own.
public sealed class TicketAnalysis(FangkongDb db, TimeProvider clock)
{
    public const int MaxDays = 366;

    public async Task<(TicketsAnalysis? Analysis, FieldErrors Errors)> AnalyseAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var end = to ?? ChinaTime.Today(clock);
        var start = from ?? end.AddDays(-29);
        if (start > end) errors.Add("from", "开始日期晚于结束日期 / from is after to");
        else if (end.DayNumber - start.DayNumber >= MaxDays) errors.Add("from", $"期间最长 {MaxDays} 天 / at most {MaxDays} days");
        if (errors.Any) return (null, errors);

        var startUtc = ChinaTime.ToUtc(start.ToDateTime(TimeOnly.MinValue));
        var endUtc = ChinaTime.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => t.CreatedAt >= startUtc && t.CreatedAt < endUtc)
            .GroupBy(t => new { t.DistrictCode, t.Category })
            .Select(g => new
            {
                g.Key.DistrictCode,
                g.Key.Category,
                Count = g.Count(),
                Overdue = g.Count(t => (t.ClosedAt == null && t.DeadlineAt < now) || (t.ClosedAt != null && t.ClosedAt > t.DeadlineAt)),
                Rated = g.Count(t => t.Satisfaction != null),
                SatisfactionSum = g.Sum(t => t.Satisfaction ?? 0),
            })
            .ToListAsync(ct);

        var codes = rows.Select(r => r.DistrictCode).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var districts = rows.GroupBy(r => r.DistrictCode).Select(g =>
        {
            var byCategory = g.ToDictionary(r => r.Category, r => r.Count);
            var total = g.Sum(r => r.Count);
            var overdue = g.Sum(r => r.Overdue);
            var top = byCategory.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => (TicketCategory?)c.Key).FirstOrDefault();
            return new DistrictTickets(g.Key, names.GetValueOrDefault(g.Key), total, overdue, Share(overdue, total), byCategory, top);
        }).OrderByDescending(d => d.Total).ThenBy(d => d.DistrictCode).ToList();

        var categories = rows.GroupBy(r => r.Category).Select(g => new CategoryCount(g.Key, g.Sum(r => r.Count)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category).ToList();
        var all = rows.Sum(r => r.Count);
        var late = rows.Sum(r => r.Overdue);
        var rated = rows.Sum(r => r.Rated);
        double? satisfaction = rated == 0 ? null : Math.Round(rows.Sum(r => r.SatisfactionSum) / (double)rated, 2);
        return (new TicketsAnalysis(start, end, all, late, Share(late, all), satisfaction, categories, districts), errors);
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);
}

using System.Globalization;
using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Screening;

public sealed record CompletionRow(string Code, string Name, DivisionLevel Level, long Expected, long Sampled, int Committees, int Uncovered)
{
    // Against the registered population; above 100 % where people not registered there were swabbed.
    public double? Rate => Expected > 0 ? (double)Sampled / Expected : null;
}

public sealed record CompletionTable(int RoundId, string ParentCode, string ParentName, CompletionRow Total, IReadOnlyList<CompletionRow> Rows, double Seconds);

// Completion of a round (完成率): sampled residents over expected residents, per committee, rolled up
// to street and district. Expected is the committee's population (census, apportioned below district);
// sampled is the number of distinct ID numbers swabbed in the round living in the committee. One
// grouped scan of the round's records, restricted to the caller's divisions by the query filter.
public sealed class Completion(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public async Task<Dictionary<string, long>> SampledByCommitteeAsync(ScreeningRound round, CancellationToken ct)
    {
        var q = db.SamplingRecords.AsNoTracking().Where(s => s.RoundId == round.Id);
        return await q.GroupBy(s => s.CommitteeCode)
            .Select(g => new { g.Key, Count = g.Select(s => s.IdNumber).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => (long)x.Count, ct);
    }

    private async Task<List<(string Code, string Name, long Expected)>> CommitteesAsync(ScreeningRound round, string within, CancellationToken ct)
    {
        var rows = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Committee && d.Code.StartsWith(within))
            .Select(d => new { d.Code, d.Name, d.Population }).ToListAsync(ct);
        return rows.Where(d => user.Jurisdiction.CoversDivision(d.Code)).Select(d => (d.Code, d.Name, d.Population ?? 0)).ToList();
    }

    // The area one table covers: the requested parent, or the round's area narrowed to the caller's scope.
    public string? Within(ScreeningRound round, string? parent)
    {
        var scope = user.Jurisdiction.Everything ? null : user.Jurisdiction.DivisionPrefix;
        var start = scope is not null && scope.Length > round.AreaCode.Length && scope.StartsWith(round.AreaCode, StringComparison.Ordinal) ? scope : round.AreaCode;
        if (string.IsNullOrWhiteSpace(parent)) return start;
        parent = parent.Trim();
        if (!DivisionCodes.IsWellFormed(parent) || !parent.StartsWith(start, StringComparison.Ordinal)) return null;
        return parent;
    }

    public async Task<CompletionTable?> TableAsync(ScreeningRound round, string? parent, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var within = Within(round, parent);
        if (within is null) return null;
        var committees = await CommitteesAsync(round, within, ct);
        var sampled = await SampledByCommitteeAsync(round, ct);
        var childLength = within.Length switch { <= 4 => 6, 6 => 9, _ => 12 };
        var names = await db.Divisions.AsNoTracking().Where(d => d.Code.StartsWith(within) && d.Code.Length <= childLength)
            .ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var rows = committees
            .GroupBy(c => c.Code[..childLength])
            .Select(g => Row(g.Key, names.GetValueOrDefault(g.Key, g.Key), g, sampled))
            .OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var total = Row(within, names.GetValueOrDefault(within, within), committees, sampled);
        return new CompletionTable(round.Id, within, total.Name, total, rows, clock.GetElapsedTime(started).TotalSeconds);
    }

    private static CompletionRow Row(string code, string name, IEnumerable<(string Code, string Name, long Expected)> committees, Dictionary<string, long> sampled)
    {
        long expected = 0, done = 0;
        int count = 0, uncovered = 0;
        foreach (var c in committees)
        {
            count++;
            expected += c.Expected;
            var s = sampled.GetValueOrDefault(c.Code);
            done += s;
            if (s == 0) uncovered++;
        }
        return new CompletionRow(code, name, DivisionCodes.LevelOf(code), expected, done, count, uncovered);
    }

    // Committees of the round (within the caller's scope) where nobody has been sampled yet.
    public async Task<IReadOnlyList<CompletionRow>> UncoveredAsync(ScreeningRound round, CancellationToken ct)
    {
        var within = Within(round, null)!;
        var sampled = await SampledByCommitteeAsync(round, ct);
        return (await CommitteesAsync(round, within, ct)).Where(c => !sampled.ContainsKey(c.Code))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CompletionRow(c.Code, c.Name, DivisionLevel.Committee, c.Expected, 0, 1, 1)).ToList();
    }

    // Every committee of the round in the caller's scope with its street and district: the sheet the
    // command office sends round. Counts only, no personal data; audited like every export.
    public async Task<int> ExportAsync(ScreeningRound round, Stream output, CancellationToken ct)
    {
        var within = Within(round, null)!;
        var committees = await CommitteesAsync(round, within, ct);
        var sampled = await SampledByCommitteeAsync(round, ct);
        var parents = committees.SelectMany(c => new[] { c.Code[..6], c.Code[..9] }).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => parents.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var rows = committees.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c =>
        {
            var s = sampled.GetValueOrDefault(c.Code);
            return new object?[] { names.GetValueOrDefault(c.Code[..6]), names.GetValueOrDefault(c.Code[..9]), c.Code, c.Name, c.Expected, s,
                c.Expected > 0 ? Math.Round(100.0 * s / c.Expected, 1) : null, s == 0 ? "未覆盖 / uncovered" : "" };
        }).ToList();
        var counts = await SheetFiles.WriteXlsxAsync(output, [new SheetFiles.XlsxSheet("完成率",
            ["区 / district", "街道 / street", "居委会代码 / committee code", "居委会 / committee", "应检人数 / expected", "已采样 / sampled", "完成率 % / rate %", "覆盖 / coverage"],
            rows.ToAsyncEnumerable(), [14, 18, 16, 22, 12, 12, 12, 16])], ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.completion.export", AuditOutcome.Success, "screeningRound",
            round.Id.ToString(CultureInfo.InvariantCulture), $"rows={counts[0]}; masked=n/a (counts only)"), ct);
        return counts[0];
    }
}

using System.Globalization;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Screening;

public sealed record ResultLine(string? TubeCode, string? Result, string? TestedAt);
public sealed record ResultBatch(IReadOnlyList<ResultLine>? Results);
public sealed record ResultConflict(int Row, string TubeCode, TubeResult Stored, TubeResult Sent);
public sealed record ResultAnswer(int Received, int Recorded, int Unchanged, IReadOnlyList<ResultConflict> Conflicts,
    int PositivePools, int RetestsScheduled, int PositivePeople);

// Tube results from laboratories, by API batch or by spreadsheet. Idempotent: a result sent again is
// "unchanged"; a different result for a tube that has one is a conflict, reported and never applied.
public sealed class LabResults(FangkongDb db, CurrentUser user, AuditLog audit, PositivePools pools, TimeProvider clock)
{
    public const int MaxBatch = 10_000;
    public const long MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxFileRows = 200_000;

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["tubeCode"] = ["试管编码", "tubeCode", "試管編碼", "tube"],
        ["result"] = ["检测结果", "result", "檢測結果", "结果"],
        ["testedAt"] = ["检测时间", "testedAt", "檢測時間"],
    };

    private readonly record struct Line(int Row, string Code, TubeResult Result, DateTime At);

    // API: all lines must be well formed and name known tubes, or nothing is stored (422 naming
    // results[i].field). Conflicts are not input errors: the rest is stored and they are listed.
    public async Task<(ResultAnswer? Answer, FieldErrors? Errors)> PostAsync(ResultBatch batch, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var lines = batch.Results ?? [];
        if (lines.Count == 0) errors.Add("results", "至少一条结果 / at least one result");
        if (lines.Count > MaxBatch) errors.Add("results", $"每批最多 {MaxBatch} 条 / at most {MaxBatch} results per batch");
        if (errors.Any) return (null, errors);
        var parsed = new List<Line>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var at = i;
            if (Parse(i, lines[i].TubeCode, lines[i].Result, lines[i].TestedAt, (field, message) => errors.Add($"results[{at}].{field}", message)) is { } line)
                parsed.Add(line);
        }
        if (errors.Any) return (null, errors);
        var (answer, unknown) = await ApplyAsync(parsed, storeWhenUnknown: false, rollbackOnConflict: false, dryRun: false, ct);
        if (unknown.Count > 0)
        {
            foreach (var row in unknown) errors.Add($"results[{row}].tubeCode", "没有这个试管（或不在您的范围内）/ no such tube (or not in your scope)");
            return (null, errors);
        }
        return (answer, null);
    }

    public async Task<ImportResult> ImportAsync(string? fileName, byte[] content, ImportMode mode, CancellationToken ct)
    {
        var (rows, _, problem) = SheetImports.Open(fileName, content, MaxFileRows);
        if (problem is not null) return SheetImports.FileProblem(problem);
        var columns = SheetColumns.Match(rows![0], Aliases);
        var missing = columns.Missing("tubeCode", "result");
        if (missing.Count > 0) return SheetImports.FileProblem($"缺少必需的列：{string.Join("、", missing)} / missing columns: {string.Join(", ", missing)}");
        var errors = new List<ImportError>();
        var parsed = new List<Line>();
        var total = 0;
        foreach (var row in rows.Skip(1).Where(r => !r.IsEmpty))
        {
            total++;
            if (Parse(row.Number, columns.Cell(row, "tubeCode"), columns.Cell(row, "result"), columns.Cell(row, "testedAt"),
                    (field, message) => errors.Add(new ImportError(row.Number, columns.Header(field), field, columns.Cell(row, field), message))) is { } line)
                parsed.Add(line);
        }
        // A bad file in "all" mode stores nothing; the unknown tubes are still looked up so the report is complete.
        var (answer, unknown) = await ApplyAsync(parsed, storeWhenUnknown: mode == ImportMode.Valid, rollbackOnConflict: mode == ImportMode.All,
            dryRun: mode == ImportMode.All && errors.Count > 0, ct);
        foreach (var row in unknown)
            errors.Add(new ImportError(row, columns.Header("tubeCode"), "tubeCode", null, "没有这个试管（或不在您的范围内）/ no such tube (or not in your scope)"));
        foreach (var c in answer?.Conflicts ?? [])
            errors.Add(new ImportError(c.Row, columns.Header("result"), "result", null,
                $"与已登记的结果（{c.Stored}）不一致，未覆盖 / conflicts with the recorded result ({c.Stored}); not overwritten"));
        // Stored: everything good in "valid" mode, or a clean file in "all" mode (unchanged re-sends count as taken).
        var stored = answer is not null && (mode == ImportMode.Valid || errors.Count == 0);
        var bad = errors.Select(e => e.Row).Distinct().Count();
        return new ImportResult(new ImportReport(SheetImports.Name(mode), total, stored ? total - bad : 0, stored ? bad : total,
            [.. errors.OrderBy(e => e.Row)]), null, stored);
    }

    private Line? Parse(int row, string? code, string? result, string? testedAt, Action<string, string> fail)
    {
        var ok = true;
        code = code?.Trim() ?? "";
        if (code.Length is < 4 or > 32) { fail("tubeCode", "试管编码须为 4–32 位 / the tube code must have 4–32 characters"); ok = false; }
        TubeResult parsed = TubeResult.Pending;
        switch (result?.Trim().ToLowerInvariant())
        {
            case "negative" or "阴性" or "陰性" or "-" or "neg": parsed = TubeResult.Negative; break;
            case "positive" or "阳性" or "陽性" or "+" or "pos": parsed = TubeResult.Positive; break;
            default: fail("result", "结果须为 阴性/negative 或 阳性/positive / the result must be negative or positive"); ok = false; break;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var at = now;
        if (!string.IsNullOrWhiteSpace(testedAt))
        {
            if (!DateTime.TryParseExact(testedAt.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"],
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            { fail("testedAt", "检测时间格式须为 yyyy-MM-dd HH:mm（北京时间）/ must be yyyy-MM-dd HH:mm, China time"); ok = false; }
            else
            {
                at = DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
                if (at > now.AddMinutes(5)) { fail("testedAt", "检测时间在未来 / tested in the future"); ok = false; }
            }
        }
        return ok ? new Line(row, code, parsed, at) : null;
    }

    // Unknown tubes (or tubes outside the lab's scope, which must look the same) come back by row.
    // No transaction spans the follow-up: registering people and the audit trail write on their own
    // connections (SQLite would wait on our lock). Instead the follow-up is re-entrant: a positive or
    // retest result sent again is followed again, and it only adds what is missing.
    private async Task<(ResultAnswer? Answer, List<int> Unknown)> ApplyAsync(List<Line> lines, bool storeWhenUnknown, bool rollbackOnConflict, bool dryRun, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryApplyAsync(lines, storeWhenUnknown, rollbackOnConflict, dryRun, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another lab's answer for one of these tubes landed in between: judge again against it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(ResultAnswer? Answer, List<int> Unknown)> TryApplyAsync(List<Line> lines, bool storeWhenUnknown, bool rollbackOnConflict, bool dryRun, CancellationToken ct)
    {
        var tubes = new Dictionary<string, Tube>(StringComparer.Ordinal);
        foreach (var batch in lines.Select(l => l.Code).Distinct().Chunk(1000))
            foreach (var t in await db.Tubes.Where(t => batch.Contains(t.Code)).ToListAsync(ct))
                if (user.Jurisdiction.CoversDivision(t.DistrictCode)) tubes[t.Code] = t;
        var unknown = lines.Where(l => !tubes.ContainsKey(l.Code)).Select(l => l.Row).ToList();

        // Judged before anything changes, so a refused batch or file can still list its conflicts.
        var conflicts = new List<ResultConflict>();
        var first = new Dictionary<string, TubeResult>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!tubes.TryGetValue(line.Code, out var tube)) continue;
            var current = tube.Result != TubeResult.Pending ? tube.Result : first.GetValueOrDefault(line.Code, TubeResult.Pending);
            if (current != TubeResult.Pending && current != line.Result) conflicts.Add(new ResultConflict(line.Row, line.Code, current, line.Result));
            else first.TryAdd(line.Code, line.Result);
        }
        if (dryRun || (unknown.Count > 0 && !storeWhenUnknown) || (conflicts.Count > 0 && rollbackOnConflict))
        {
            db.ChangeTracker.Clear();
            return (new ResultAnswer(lines.Count, 0, 0, conflicts, 0, 0, 0), unknown);
        }

        var lab = user.DisplayName ?? user.UserName ?? "lab";
        var recorded = new List<Tube>();
        var follow = new List<Tube>();
        var unchanged = 0;
        foreach (var line in lines)
        {
            if (!tubes.TryGetValue(line.Code, out var tube)) continue;
            switch (tube.Record(line.Result, line.At, lab))
            {
                case RecordOutcome.Recorded:
                    recorded.Add(tube);
                    follow.Add(tube);
                    break;
                case RecordOutcome.Unchanged:
                    unchanged++;
                    if ((tube.Result == TubeResult.Positive || tube.Kind == TubeKind.Retest) && !follow.Contains(tube)) follow.Add(tube);
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        var followed = await pools.FollowAsync(follow, clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await pools.ReportAsync(followed, ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.results", AuditOutcome.Success, "tube", null,
            $"received={lines.Count}; recorded={recorded.Count}; unchanged={unchanged}; conflicts={conflicts.Count}; positivePools={followed.Pools}"), ct);
        return (new ResultAnswer(lines.Count, recorded.Count, unchanged, conflicts, followed.Pools, followed.Retests, followed.ToReport.Count), unknown);
    }
}

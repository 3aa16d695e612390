using Fangkong.Web.Platform.Files;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Live;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Facilities;

// Imports a spreadsheet of facilities. Each row gets the same checks as an API create — FacilityInput
// validation, the division exists, the division is in the caller's jurisdiction — plus duplicates
// within the file and against stored facilities, so importing the same file twice adds nothing.
// Mode All stores every row or none; mode Valid stores the good rows. Either way in one transaction.
public sealed class FacilityImporter(FangkongDb db, CurrentUser user, AuditLog audit, LiveNotifier live, TimeProvider clock, ILogger<FacilityImporter> logger)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const int MaxDataRows = 100_000;
    private const int QueryChunk = 500;

    private sealed record Parsed(SheetRow Row, FacilityInput.Valid? Valid, List<ImportError> Errors);

    public async Task<ImportResult> ImportAsync(string? fileName, byte[] content, ImportMode mode, CancellationToken cancellationToken)
    {
        var (rows, format, fileProblem) = SheetImports.Open(fileName, content, MaxDataRows);
        if (rows is null) return SheetImports.FileProblem(fileProblem!);

        var header = rows[0];
        var layout = ReadHeader(header, out var headerProblem);
        if (layout is null) return SheetImports.FileProblem(headerProblem!);
        var data = rows.Skip(1).ToList();

        var parsed = data.Select(row => Parse(row, layout)).ToList();
        MarkDuplicatesWithinFile(parsed, layout);
        var outside = await CheckAgainstDatabaseAsync(parsed, layout, cancellationToken);

        var good = parsed.Where(p => p.Errors.Count == 0 && p.Valid is not null).Select(p => p.Valid!).ToList();
        var rejected = parsed.Count(p => p.Errors.Count > 0);
        var errors = parsed.SelectMany(p => p.Errors).ToList();
        var store = mode == ImportMode.Valid || rejected == 0;
        var modeName = SheetImports.Name(mode);

        if (outside.Count > 0)
            await audit.AppendAsync(user.Actor, new AuditEvent("facility.write", AuditOutcome.Denied, "division", outside[0],
                $"import: {outside.Count} row(s) outside jurisdiction"), cancellationToken);

        var imported = 0;
        if (store && good.Count > 0)
        {
            try
            {
                imported = await StoreAsync(good, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Facility import failed; the transaction was rolled back.");
                await audit.AppendAsync(user.Actor, new AuditEvent("facility.import", AuditOutcome.Failure, "facility", null,
                    $"mode={modeName} format={format.ToString().ToLowerInvariant()} rows={parsed.Count} database error, nothing stored"), CancellationToken.None);
                throw;
            }
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("facility.import", store ? AuditOutcome.Success : AuditOutcome.Failure, "facility", null,
            $"mode={modeName} format={format.ToString().ToLowerInvariant()} rows={parsed.Count} imported={imported} rejected={rejected}"), cancellationToken);
        return new ImportResult(new ImportReport(modeName, parsed.Count, imported, rejected, errors), null, store);
    }


    // Column index in the file for each known key, and the header text as the user wrote it.
    private sealed record Layout(Dictionary<string, (int Index, string Header)> Columns)
    {
        public string HeaderOf(string field) =>
            Columns.TryGetValue(field, out var c) ? c.Header : FacilitySheet.ByKey(field).Header(0);

        public string? Cell(SheetRow row, string field) =>
            Columns.TryGetValue(field, out var c) && row[c.Index] is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
    }

    // Unknown headers are refused rather than ignored: a misspelt capacity column would otherwise
    // drop its numbers without a word. The export's id column is accepted and ignored, so an export
    // can be edited and imported as new facilities.
    private static Layout? ReadHeader(SheetRow header, out string? problem)
    {
        var columns = new Dictionary<string, (int, string)>();
        var unknown = new List<string>();
        var repeated = new List<string>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var text = header[i]?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            var column = FacilitySheet.Match(text);
            if (column is null) unknown.Add(text);
            else if (!columns.TryAdd(column.Key, (i, text))) repeated.Add(text);
        }
        var missing = FacilitySheet.RequiredColumns.Where(k => !columns.ContainsKey(k)).ToList();
        problem = null;
        if (unknown.Count > 0)
            problem = $"第 {header.Number} 行有无法识别的列：{string.Join("、", unknown)} / unknown columns in row {header.Number}: {string.Join(", ", unknown)}";
        else if (repeated.Count > 0)
            problem = $"列重复：{string.Join("、", repeated)} / columns given twice: {string.Join(", ", repeated)}";
        else if (missing.Count > 0)
            problem = $"缺少必需的列：{string.Join("、", missing.Select(k => FacilitySheet.ByKey(k).ZhHans))} / missing columns: {string.Join(", ", missing)}";
        columns.Remove("id");
        return problem is null ? new Layout(columns) : null;
    }

    private static Parsed Parse(SheetRow row, Layout layout)
    {
        var errors = new List<ImportError>();
        var badCells = new HashSet<string>();

        string? Text(string field) => layout.Cell(row, field) is { } t ? FacilitySheet.UnguardFormula(t) : null;

        int? Integer(string field)
        {
            var text = layout.Cell(row, field);
            if (text is null) return null;
            if (FacilitySheet.TryInteger(text, out var value)) return value;
            badCells.Add(field);
            errors.Add(Error(row, layout, field, "须为整数 / must be a whole number"));
            return null;
        }

        double? Decimal(string field)
        {
            var text = layout.Cell(row, field);
            if (text is null) return null;
            if (FacilitySheet.TryDecimal(text, out var value)) return value;
            badCells.Add(field);
            errors.Add(Error(row, layout, field, "须为数字 / must be a number"));
            return null;
        }

        var input = new FacilityInput(
            Text("kind"), Text("name"), Text("divisionCode"), Text("address"), Decimal("latitude"), Decimal("longitude"), Text("phone"),
            Integer("beds"), Integer("icuBeds"), Integer("ventilators"), Integer("isolationRooms"), Integer("dailyVisits"),
            Integer("storageCubicMetres"), Integer("dailyOutputUnits"), Integer("employees"));
        var fieldErrors = new FieldErrors();
        var valid = input.Validate(fieldErrors);
        // A cell that could not be read is reported once, as unreadable, not again as "required".
        foreach (var (field, messages) in fieldErrors.All)
            if (!badCells.Contains(field))
                errors.AddRange(messages.Select(m => Error(row, layout, field, m)));
        return new Parsed(row, errors.Count == 0 ? valid : null, errors);
    }

    private static ImportError Error(SheetRow row, Layout layout, string field, string message) =>
        new(row.Number, layout.HeaderOf(field), field, layout.Cell(row, field), message);

    private static (FacilityKind Kind, string Name, string Division)? Identity(Parsed p, Layout layout)
    {
        if (p.Valid is { } v) return (v.Kind, v.Name, v.DivisionCode);
        var name = layout.Cell(p.Row, "name");
        var division = layout.Cell(p.Row, "divisionCode");
        return FacilityKindRules.TryParseKind(layout.Cell(p.Row, "kind"), out var kind) && name is not null && division is not null
            ? (kind, name, division) : null;
    }

    // A facility is known by kind, name and division; the second row naming the same one is refused,
    // whether or not the first row is itself valid, so fixing the first does not surface a new error.
    private static void MarkDuplicatesWithinFile(List<Parsed> parsed, Layout layout)
    {
        var first = new Dictionary<(FacilityKind, string, string), int>();
        foreach (var p in parsed)
        {
            if (Identity(p, layout) is not { } key) continue;
            if (first.TryGetValue(key, out var earlier))
                p.Errors.Add(Error(p.Row, layout, "name", $"与第 {earlier} 行重复（类型、名称、区划代码相同）/ duplicates row {earlier} (same kind, name and division code)"));
            else
                first[key] = p.Row.Number;
        }
    }

    // The same checks as FacilityRegistry.CheckAsync, done for the whole file with a few queries
    // instead of one per row. Returns the division codes refused as outside the jurisdiction.
    private async Task<List<string>> CheckAgainstDatabaseAsync(List<Parsed> parsed, Layout layout, CancellationToken cancellationToken)
    {
        var candidates = parsed.Where(p => p.Errors.Count == 0 && p.Valid is not null).ToList();
        var codes = candidates.Select(p => p.Valid!.DivisionCode).Distinct().ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(QueryChunk))
            known.UnionWith(await db.Divisions.Where(d => chunk.Contains(d.Code)).Select(d => d.Code).ToListAsync(cancellationToken));

        var outside = new List<string>();
        foreach (var p in candidates)
        {
            var code = p.Valid!.DivisionCode;
            if (!known.Contains(code))
                p.Errors.Add(Error(p.Row, layout, "divisionCode", $"区划代码不存在 / unknown division {code}"));
            else if (!user.Jurisdiction.CoversDivision(code))
            {
                p.Errors.Add(Error(p.Row, layout, "divisionCode", "不在您的管辖范围内 / outside your jurisdiction"));
                outside.Add(code);
            }
        }

        // Stored facilities with the same identity. The scope filter applies, and that is enough:
        // every row still standing lies inside the caller's jurisdiction.
        var standing = candidates.Where(p => p.Errors.Count == 0).ToList();
        var existing = new HashSet<(FacilityKind, string, string)>();
        foreach (var chunk in standing.Select(p => p.Valid!.Name).Distinct().Chunk(QueryChunk))
        {
            var found = await db.Facilities.AsNoTracking().Where(f => chunk.Contains(f.Name))
                .Select(f => new { f.Kind, f.Name, f.DivisionCode }).ToListAsync(cancellationToken);
            existing.UnionWith(found.Select(f => (f.Kind, f.Name, f.DivisionCode)));
        }
        foreach (var p in standing)
            if (existing.Contains((p.Valid!.Kind, p.Valid.Name, p.Valid.DivisionCode)))
                p.Errors.Add(Error(p.Row, layout, "name", "已有同类型、同名称、同区划的机构 / a facility of this kind and name already exists in this division"));
        return outside;
    }

    // One transaction for the whole file: a failure part-way leaves nothing behind. Change detection
    // is off and the tracker cleared per chunk, so 100k rows cost one INSERT batch per chunk.
    private async Task<int> StoreAsync(List<FacilityInput.Valid> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var facilities = rows.Select(v => Facility.Register(Guid.CreateVersion7(), v.Kind, v.Name, v.DivisionCode, v.Address,
            v.Latitude, v.Longitude, v.Phone, v.Capacity, now)).ToList();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var chunk in facilities.Chunk(2_000))
            {
                db.Facilities.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        // One push per division, not per facility: open pages refresh once.
        foreach (var f in facilities.DistinctBy(f => f.DivisionCode))
            await live.FacilityChangedAsync(f.Id, f.DivisionCode);
        return facilities.Count;
    }
}

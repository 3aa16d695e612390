using System.Globalization;
using System.Text;
using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fangkong.Web.Features.Surveillance;

public sealed record ReportProblem(int Row, string Field, string Message);

public sealed record ReportImportResult(string Mode, int TotalRows, int Imported, int Rejected, int ErrorCount, IReadOnlyList<ReportProblem> Errors, bool Stored)
{
    [System.Text.Json.Serialization.JsonIgnore] public IReadOnlyList<string> Districts { get; init; } = [];
}

// Bulk load of daily reports: a day for every residents' committee of a city, or a 120-day history,
// in seconds. Rows are parsed and validated first; then, in one transaction, the reports they replace
// are deleted and the new ones written with the database's own bulk path (a prepared statement
// reused on SQLite, binary COPY on PostgreSQL). Re-importing a day replaces it, never adds to it.
public sealed class DailyReportImporter(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock, ILogger<DailyReportImporter> logger)
{
    public const int MaxErrorsListed = 1000;

    // Header names accepted per column, in the three interface languages and as keys.
    private static readonly (string Key, string[] Names)[] Columns =
    [
        ("date", ["date", "日期"]),
        ("divisionCode", ["divisioncode", "division", "区划代码", "區劃代碼"]),
        ("asymptomatic", ["asymptomatic", "无症状", "無症狀", "无症状感染者"]),
        ("mild", ["mild", "轻型", "輕型"]),
        ("moderate", ["moderate", "普通型", "中型"]),
        ("severe", ["severe", "重型"]),
        ("critical", ["critical", "危重型"]),
        ("imported", ["imported", "境外输入", "境外輸入", "输入", "輸入"]),
        ("recovered", ["recovered", "治愈", "治癒", "出院"]),
        ("died", ["died", "deaths", "死亡"]),
    ];

    private sealed record Row(int Line, DateOnly Date, string Code, SeverityCounts Counts, int Imported, int Recovered, int Died);

    public static IReadOnlyList<string> Header => Columns.Select(c => c.Key).ToList();

    public async Task<ReportImportResult> ImportAsync(SheetFormat format, Stream content, bool allOrNothing, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var errors = new List<ReportProblem>();
        var badLines = new HashSet<int>();
        var errorCount = 0;
        void Fail(int line, string field, string message)
        {
            errorCount++;
            badLines.Add(line);
            if (errors.Count < MaxErrorsListed) errors.Add(new ReportProblem(line, field, message));
        }

        var raw = format == SheetFormat.Csv ? ReadCsv(content) : ReadXlsx(content);
        using var lines = raw.GetEnumerator();
        if (!lines.MoveNext()) throw new SheetFileException("文件为空 / the file is empty");
        var map = MapHeader(lines.Current.Cells);

        var knownDivisions = new HashSet<string>(await db.Divisions.AsNoTracking().Where(d => d.Code.Length >= 6).Select(d => d.Code).ToListAsync(ct), StringComparer.Ordinal);
        var rows = new List<Row>(capacity: 1024);
        var seen = new HashSet<(DateOnly, string)>();
        var total = 0;
        var outside = 0;
        while (lines.MoveNext())
        {
            var (line, cells) = lines.Current;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            total++;
            var before = errorCount;
            string Cell(string key) => map.TryGetValue(key, out var i) && i < cells.Length ? cells[i]?.Trim() ?? "" : "";
            int Count(string key)
            {
                var text = Cell(key);
                if (text.Length == 0) return 0;
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 1_000_000)
                {
                    Fail(line, key, $"须为 0 到 1000000 的整数，而不是“{Clip(text)}” / must be a whole number 0–1,000,000");
                    return 0;
                }
                return n;
            }
            var dateText = Cell("date");
            if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                Fail(line, "date", $"日期无效“{Clip(dateText)}”，格式 yyyy-MM-dd / not a date (yyyy-MM-dd)");
            else if (date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8)))
                Fail(line, "date", "日期在未来 / the date is in the future");
            var code = Cell("divisionCode");
            if (!knownDivisions.Contains(code))
                Fail(line, "divisionCode", $"区划代码不存在或高于区县级“{Clip(code)}” / unknown division, or above district level");
            else if (!user.Jurisdiction.CoversDivision(code))
            {
                outside++;
                Fail(line, "divisionCode", "不在您的管辖范围内 / outside your jurisdiction");
            }
            var counts = new SeverityCounts(Count("asymptomatic"), Count("mild"), Count("moderate"), Count("severe"), Count("critical"));
            var imported = Count("imported");
            var recovered = Count("recovered");
            var died = Count("died");
            if (imported > counts.Total)
                Fail(line, "imported", $"境外输入 {imported} 多于新增感染 {counts.Total} / more imported than new infections");
            if (errorCount == before && !seen.Add((date, code)))
                Fail(line, "divisionCode", "同一日期、同一区划在文件中出现两次 / this division and date appear twice in the file");
            if (errorCount == before)
                rows.Add(new Row(line, date, code, counts, imported, recovered, died));
        }
        if (total == 0) throw new SheetFileException("文件中没有数据行 / the file has no data rows");
        CheckNoOverlapWithinFile(rows, Fail);
        if (outside > 0)
            await audit.AppendAsync(user.Actor, new AuditEvent("report.import", AuditOutcome.Denied, "division", null, $"{outside} rows outside jurisdiction"), ct);

        var valid = errorCount == 0 ? rows : rows.Where(r => !badLines.Contains(r.Line)).ToList();
        logger.LogInformation("Daily reports: read and checked {Rows} rows in {Elapsed} ms.", total, clock.GetElapsedTime(started).TotalMilliseconds);
        var storing = clock.GetTimestamp();
        var stored = false;
        if ((errorCount == 0 || !allOrNothing) && valid.Count > 0)
        {
            var overlap = await StoreAsync(valid, ct);
            if (overlap.Count > 0)
            {
                foreach (var o in overlap) Fail(o.Row, o.Field, o.Message);
                return new ReportImportResult(allOrNothing ? "all" : "valid", total, 0, total, errorCount, errors, false);
            }
            stored = true;
        }
        var importedRows = stored ? valid.Count : 0;
        logger.LogInformation("Daily reports: stored {Rows} rows in {Elapsed} ms.", importedRows, clock.GetElapsedTime(storing).TotalMilliseconds);
        await audit.AppendAsync(user.Actor, new AuditEvent("report.import", stored ? AuditOutcome.Success : AuditOutcome.Failure, "dailyReport", null,
            $"rows={total}; stored={importedRows}; rejected={total - importedRows}; days={valid.Select(r => r.Date).Distinct().Count()}"), ct);
        return new ReportImportResult(allOrNothing ? "all" : "valid", total, importedRows, total - importedRows, errorCount, errors, stored)
        {
            Districts = stored ? valid.Select(r => DivisionCodes.DistrictOf(r.Code)).Distinct().ToList() : [],
        };
    }

    // A report for a street and one for a committee in it, on the same day, would be counted twice.
    private static void CheckNoOverlapWithinFile(List<Row> rows, Action<int, string, string> fail)
    {
        foreach (var day in rows.GroupBy(r => r.Date))
        {
            var codes = day.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var r in day)
                if (DailyReport.EnclosingIn(r.Code, codes) is { } parent)
                    fail(r.Line, "divisionCode", $"同日已有上级区划 {parent} 的报告，会重复计数 / {parent} is reported the same day and already covers this division");
        }
    }

    // Returns rows refused because a report of an enclosing division exists for that day in the store.
    private async Task<List<ReportProblem>> StoreAsync(List<Row> rows, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var dates = rows.Select(r => r.Date).Distinct().ToList();
            // unscoped: aggregate daily counts (no personal data); an enclosing division's report of the day must be seen to refuse double counting
            var existing = await db.DailyReports.IgnoreQueryFilters().AsNoTracking()
                .Where(r => dates.Contains(r.Date)).Select(r => new { r.Date, r.DivisionCode }).ToListAsync(ct);
            var problems = new List<ReportProblem>();
            if (existing.Count > 0)
            {
                var byDate = existing.GroupBy(e => e.Date).ToDictionary(g => g.Key, g => g.Select(e => e.DivisionCode).ToHashSet(StringComparer.Ordinal));
                foreach (var r in rows)
                {
                    if (byDate.TryGetValue(r.Date, out var codes) && DailyReport.EnclosingIn(r.Code, codes) is { } parent)
                        problems.Add(new ReportProblem(r.Line, "divisionCode", $"{r.Date:yyyy-MM-dd} 已有上级区划 {parent} 的报告 / {parent} already reported that day"));
                }
                if (problems.Count > 0) return problems;
                await DeleteReplacedAsync(rows.Where(r => byDate.ContainsKey(r.Date)), ct);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            // In primary-key order the key's B-tree is appended to rather than split all over.
            rows.Sort((a, b) =>
            {
                var byDistrict = string.CompareOrdinal(a.Code, 0, b.Code, 0, 6);
                if (byDistrict != 0) return byDistrict;
                var byDate = a.Date.CompareTo(b.Date);
                return byDate != 0 ? byDate : string.CompareOrdinal(a.Code, b.Code);
            });
            if (db.Database.IsNpgsql()) Copy(rows, now);
            else await InsertSqliteAsync(rows, now, ct);
            await tx.CommitAsync(ct);
            // A large load changes the table's shape: refresh the planner's statistics (both databases).
            if (rows.Count > 10_000) await db.Database.ExecuteSqlRawAsync("ANALYZE \"DailyReports\"", ct);
            return problems;
        });
    }

    // A row replaces the same division's report and any report of a division inside it, that day.
    private async Task DeleteReplacedAsync(IEnumerable<Row> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = """DELETE FROM "DailyReports" WHERE "DistrictCode" = @district AND "Date" = @date AND "DivisionCode" LIKE @prefix""";
        var district = Parameter(command, "@district");
        var date = Parameter(command, "@date");
        var prefix = Parameter(command, "@prefix");
        foreach (var r in rows)
        {
            district.Value = DivisionCodes.DistrictOf(r.Code);
            date.Value = DateValue(r.Date);
            prefix.Value = r.Code + "%";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task InsertSqliteAsync(List<Row> rows, DateTime now, CancellationToken ct)
    {
        // The default 2 MB page cache thrashes on the secondary index of a large load; this connection
        // gets 256 MB for the duration, then the default back (connections are pooled).
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        try
        {
            await InsertRowsAsync(rows, now, ct);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
        }
    }

    // One statement per 20,000 rows: the rows travel as one JSON array parameter and SQLite's json_each
    // unpacks them in C. Binding a dozen parameters per row through the ADO.NET provider costs ten
    // times more than the insert itself.
    private async Task InsertRowsAsync(List<Row> rows, DateTime now, CancellationToken ct)
    {
        const int Chunk = 20_000;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = """
            INSERT INTO "DailyReports" ("DistrictCode","Date","DivisionCode","Asymptomatic","Mild","Moderate","Severe","Critical","Imported","Recovered","Died","UpdatedAt")
            SELECT substr(json_extract(value, '$[1]'), 1, 6), json_extract(value, '$[0]'), json_extract(value, '$[1]'),
                   json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
                   json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]'), json_extract(value, '$[9]'), @u
            FROM json_each(@rows)
            """;
        Parameter(command, "@u").Value = now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture); // EF Core's SQLite DateTime format
        var json = Parameter(command, "@rows");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4 * 1024 * 1024);
        for (var at = 0; at < rows.Count; at += Chunk)
        {
            buffer.ResetWrittenCount();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var r in rows.Skip(at).Take(Chunk))
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    writer.WriteStringValue(r.Code);
                    writer.WriteNumberValue(r.Counts.Asymptomatic);
                    writer.WriteNumberValue(r.Counts.Mild);
                    writer.WriteNumberValue(r.Counts.Moderate);
                    writer.WriteNumberValue(r.Counts.Severe);
                    writer.WriteNumberValue(r.Counts.Critical);
                    writer.WriteNumberValue(r.Imported);
                    writer.WriteNumberValue(r.Recovered);
                    writer.WriteNumberValue(r.Died);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
            json.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private void Copy(List<Row> rows, DateTime now)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        using var writer = connection.BeginBinaryImport("""
            COPY "DailyReports" ("DistrictCode","Date","DivisionCode","Asymptomatic","Mild","Moderate","Severe","Critical","Imported","Recovered","Died","UpdatedAt") FROM STDIN (FORMAT BINARY)
            """);
        // The writer buffers; synchronous field writes avoid a Task per field (12 per row).
        foreach (var r in rows)
        {
            writer.StartRow();
            writer.Write(DivisionCodes.DistrictOf(r.Code), NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(r.Date, NpgsqlTypes.NpgsqlDbType.Date);
            writer.Write(r.Code, NpgsqlTypes.NpgsqlDbType.Varchar);
            writer.Write(r.Counts.Asymptomatic, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Counts.Mild, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Counts.Moderate, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Counts.Severe, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Counts.Critical, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Imported, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Recovered, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(r.Died, NpgsqlTypes.NpgsqlDbType.Integer);
            writer.Write(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
        }
        writer.Complete();
    }

    private object DateValue(DateOnly date) => db.Database.IsNpgsql() ? date : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }

    private static Dictionary<string, int> MapHeader(string?[] header)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = (header[i] ?? "").Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (name.Length == 0) continue;
            var column = Columns.FirstOrDefault(c => c.Names.Contains(name));
            if (column.Key is null)
                throw new SheetFileException($"第 {i + 1} 列的表头“{name}”无法识别 / unknown column header '{name}'");
            map[column.Key] = i;
        }
        foreach (var required in new[] { "date", "divisionCode" })
            if (!map.ContainsKey(required))
                throw new SheetFileException($"缺少必需的列 {required} / missing column {required}");
        return map;
    }

    // Streams the lines: a 120-day history of every committee is ~780,000 rows.
    private static IEnumerable<(int Line, string?[] Cells)> ReadCsv(Stream content)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            yield return (number, SheetFiles.SplitCsvLine(line));
        }
    }

    private static IEnumerable<(int Line, string?[] Cells)> ReadXlsx(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        foreach (var row in SheetFiles.ReadXlsx(buffer.ToArray(), 2_000_000))
            yield return (row.Number, row.Cells);
    }

    private static string Clip(string text) => text.Length > 30 ? text[..30] + "…" : text;
}

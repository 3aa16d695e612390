using System.Globalization;
using System.Text;
using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Fangkong.Web.Platform.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fangkong.Web.Features.Screening;

public sealed record IngestReport(string Mode, int TotalRows, int Imported, int Rejected, int ErrorCount, int Tubes,
    IReadOnlyList<ImportError> Errors, bool Stored, double Seconds);

// Either the stream cannot be ingested at all (FileProblem: no header, round closed …) or every row was judged.
public sealed record IngestResult(IngestReport? Report, string? FileProblem);

// The bulk path for sampling records (one resident swabbed into one tube): a city-wide round is ~25
// million rows. The CSV is streamed, never loaded: each row is validated as it is read (row number and
// field for every bad row), good rows are buffered in chunks of 20,000 and written with the database's
// own fast path — binary COPY on PostgreSQL, one prepared INSERT reused inside one transaction on
// SQLite. Everything happens in one transaction, so "all or nothing" is a rollback at the end, and in
// that mode nothing more is written once a bad row is seen. Memory grows with the tubes of one upload
// (a code and a few numbers each; a full tube drops its member fingerprints), not with its rows.
public sealed class SampleIngest(FangkongDb db, CurrentUser user, AuditLog audit, ReferenceData reference, TimeProvider clock, ILogger<SampleIngest> logger)
{
    public const int ChunkRows = 20_000;
    // Tube codes are at most 32 characters; 28 on a sampling sheet leaves room for the retest suffix "-R01".
    public const int MaxTubeCode = 28;
    public const int MaxErrorsListed = 1000;

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["tubeCode"] = ["试管编码", "tubeCode", "试管码", "試管編碼", "tube"],
        ["poolSize"] = ["混采人数", "poolSize", "混採人數"],
        ["pointCode"] = ["采样点编号", "pointCode", "採樣點編號", "point"],
        ["collectedAt"] = ["采样时间", "collectedAt", "採樣時間"],
        ["idNumber"] = ["身份证号", "idNumber", "身份證號"],
        ["name"] = ["姓名", "name"],
        ["phone"] = ["电话", "phone", "電話", "手机号"],
        ["committeeCode"] = ["居住地居委会代码", "committeeCode", "居委会代码", "居委會代碼", "居住地區劃代碼"],
    };

    public static readonly string[] Header = ["tubeCode", "poolSize", "pointCode", "collectedAt", "idNumber", "name", "phone", "committeeCode"];

    private sealed class TubeState
    {
        public required string District;
        public required Guid? Point;
        public required long Ticks;
        public required int Capacity;
        public int Members;
        public long[]? Fingerprints;
        public bool Checked;     // looked up in the database (an earlier upload may have it)
        public bool Existing;    // it was there: its rows are refused
    }

    private readonly record struct Pending(int Line, string Tube, string IdNumber, string Name, string? Phone, string Committee, string District);

    public async Task<IngestResult> IngestAsync(int roundId, Stream csv, ImportMode mode, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var round = await db.ScreeningRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return new IngestResult(null, "round");
        if (round.Status == RoundStatus.Closed) return new IngestResult(null, "本轮筛查已结束，不再接收采样记录 / the round is closed to new sampling records");

        var committees = (await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Committee && d.Code.StartsWith(round.AreaCode)).Select(d => d.Code).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        if (round.AreaCode.Length == 12) committees.Add(round.AreaCode);
        // unscoped: sampling points are public places (reference data) of the round's area; rows outside the caller's scope are refused below by committee
        var points = await db.SamplingPoints.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.CommitteeCode.StartsWith(round.AreaCode)).ToDictionaryAsync(p => p.Code, p => (p.Id, p.DistrictCode), StringComparer.OrdinalIgnoreCase, ct);
        var inScope = new Dictionary<string, bool>(StringComparer.Ordinal);
        var times = new Dictionary<string, long>(StringComparer.Ordinal);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var earliest = DateTime.SpecifyKind(round.Date.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);

        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var headerLine = await reader.ReadLineAsync(ct);
        if (headerLine is null) return new IngestResult(null, "文件是空的 / the file is empty");
        var header = new SheetRow(1, SheetFiles.SplitCsvLine(headerLine.TrimStart('\uFEFF')));
        var columns = SheetColumns.Match(header, Aliases);
        var missing = columns.Missing("tubeCode", "collectedAt", "idNumber", "name", "committeeCode");
        if (missing.Count > 0) return new IngestResult(null, $"缺少必需的列：{string.Join("、", missing)} / missing columns: {string.Join(", ", missing)}");

        var errors = new List<ImportError>();
        var badRows = 0;
        var errorCount = 0;
        var tubes = new Dictionary<string, TubeState>(StringComparer.Ordinal);
        var chunk = new List<Pending>(ChunkRows);
        var stored = 0;
        var total = 0;
        var newTubes = 0;
        var outside = 0;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // SQLite's default 2 MB page cache thrashes on the ID-number index of a large load; 256 MB for
        // this connection while it lasts, the default back before it returns to the pool.
        var sqlite = !db.Database.IsNpgsql();
        if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        try
        {
            var writer = db.Database.IsNpgsql() ? (IRowWriter)new CopyWriter((NpgsqlConnection)db.Database.GetDbConnection(), roundId)
                : new SqliteWriter((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx.GetDbTransaction(), roundId);
            await using var _ = writer;

            var line = 1;
            while (await reader.ReadLineAsync(ct) is { } text)
            {
                line++;
                if (text.Length == 0 || text.AsSpan().Trim().IsEmpty || text.AsSpan().IndexOfAnyExcept(',') < 0) continue;
                total++;
                var row = new SheetRow(line, SheetFiles.SplitCsvLine(text));
                var before = errorCount;
                void Fail(string field, string message, bool personal = false)
                {
                    errorCount++;
                    if (errors.Count < MaxErrorsListed)
                        errors.Add(new ImportError(line, columns.Header(field), field, personal ? null : Clip(columns.Cell(row, field)), message));
                }

                var tube = columns.Cell(row, "tubeCode") ?? "";
                if (tube.Length is < 4 or > MaxTubeCode || !IsCode(tube))
                    Fail("tubeCode", $"试管编码须为 4–{MaxTubeCode} 位字母、数字或连字符 / the tube code must be 4–{MaxTubeCode} letters, digits or hyphens");
                var capacity = round.PoolSize;
                var poolText = columns.Cell(row, "poolSize");
                if (!string.IsNullOrEmpty(poolText) && (!int.TryParse(poolText, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity < 1 || capacity > round.PoolSize))
                    Fail("poolSize", $"混采人数须为 1 到 {round.PoolSize} / the pool size must be 1 to {round.PoolSize}");
                Guid? pointId = null;
                string? pointDistrict = null;
                var pointCode = columns.Cell(row, "pointCode");
                if (!string.IsNullOrEmpty(pointCode))
                {
                    if (points.TryGetValue(pointCode, out var point)) (pointId, pointDistrict) = point;
                    else Fail("pointCode", "采样点编号不存在或不在本轮范围内 / unknown sampling point, or outside the round's area");
                }
                var collectedText = columns.Cell(row, "collectedAt") ?? "";
                long ticks = 0;
                // A sampling point's rows share a handful of minutes: parse each distinct text once.
                if (times.TryGetValue(collectedText, out var known)) ticks = known;
                else if (!DateTime.TryParseExact(collectedText, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy/M/d H:mm"],
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var collectedLocal))
                    Fail("collectedAt", "采样时间格式须为 yyyy-MM-dd HH:mm（北京时间）/ must be yyyy-MM-dd HH:mm, China time");
                else
                {
                    var collected = DateTime.SpecifyKind(collectedLocal.AddHours(-8), DateTimeKind.Utc);
                    if (collected < earliest) Fail("collectedAt", "采样时间早于本轮筛查日期 / collected before the round's date");
                    else if (collected > now.AddMinutes(5)) Fail("collectedAt", "采样时间在未来 / collected in the future");
                    ticks = collected.Ticks;
                    if (ticks != 0 && times.Count < 100_000 && errorCount == before) times[collectedText] = ticks;
                }
                var idText = columns.Cell(row, "idNumber");
                var check = ResidentIdNumber.Check(idText, reference.Regions.IsKnown, today);
                if (check.Problem is { } problem) Fail("idNumber", PersonInput.Describe(problem), personal: true);
                var name = columns.Cell(row, "name") ?? "";
                if (name.Length is 0 or > 50) Fail("name", "姓名必填，最长 50 字 / name is required, at most 50 characters", personal: true);
                var phone = columns.Cell(row, "phone");
                if (string.IsNullOrEmpty(phone)) phone = null;
                else if (!PhoneNumbers.IsValid(phone)) Fail("phone", "电话号码格式无效 / not a valid mainland phone number", personal: true);
                var committee = columns.Cell(row, "committeeCode") ?? "";
                if (!committees.Contains(committee))
                    Fail("committeeCode", "居委会代码不存在或不在本轮筛查范围内 / unknown committee, or outside the round's area");
                else
                {
                    if (!inScope.TryGetValue(committee, out var covered)) inScope[committee] = covered = user.Jurisdiction.CoversDivision(committee);
                    if (!covered)
                    {
                        outside++;
                        Fail("committeeCode", "不在您的管辖范围内 / outside your jurisdiction");
                    }
                }

                if (errorCount == before)
                {
                    var id = check.Value!.Number;
                    if (!tubes.TryGetValue(tube, out var state))
                    {
                        state = new TubeState { District = pointDistrict ?? committee[..6], Point = pointId, Ticks = ticks, Capacity = capacity };
                        tubes[tube] = state;
                    }
                    if (state.Existing)
                        Fail("tubeCode", "该试管已在此前的上传中登记，本行未重复写入 / this tube was ingested by an earlier upload; the row is not stored twice");
                    else if (state.Point != pointId || state.Ticks != ticks || state.Capacity != capacity)
                        Fail("tubeCode", "同一试管的采样点、采样时间或混采人数与前面的行不一致 / this tube's point, time or pool size differs from its earlier rows");
                    else if (state.Members >= state.Capacity)
                        Fail("tubeCode", $"该试管的人数超过混采人数 {state.Capacity} / more members than the tube's pool size {state.Capacity}");
                    else
                    {
                        // The first 17 digits identify the number exactly (the 18th is their check character).
                        var fingerprint = long.Parse(id.AsSpan(0, 17), NumberStyles.None, CultureInfo.InvariantCulture);
                        state.Fingerprints ??= new long[state.Capacity];
                        if (Array.IndexOf(state.Fingerprints, fingerprint, 0, state.Members) >= 0)
                            Fail("idNumber", "同一人在同一试管中重复 / this person appears twice in the same tube");
                        else
                        {
                            state.Fingerprints[state.Members++] = fingerprint;
                            if (state.Members == state.Capacity) state.Fingerprints = null;
                            if (mode == ImportMode.Valid || errorCount == 0)
                                chunk.Add(new Pending(line, tube, id, name, phone, committee, state.District));
                        }
                    }
                }
                if (errorCount > before) badRows++;
                if (chunk.Count >= ChunkRows)
                {
                    if (mode == ImportMode.All && errorCount > 0) chunk.Clear();
                    else (stored, newTubes) = Add(await FlushAsync(chunk, tubes, writer, Fail2, ct), (stored, newTubes));
                }
            }
            if (total == 0)
            {
                await tx.RollbackAsync(ct);
                return new IngestResult(null, "文件只有表头，没有数据行 / the file has a header but no data rows");
            }
            var keep = errorCount == 0 || mode == ImportMode.Valid;
            if (keep && chunk.Count > 0) (stored, newTubes) = Add(await FlushAsync(chunk, tubes, writer, Fail2, ct), (stored, newTubes));
            keep = keep && (errorCount == 0 || mode == ImportMode.Valid);
            if (keep && stored > 0)
            {
                await tx.CommitAsync(ct);
                if (stored > 100_000) await db.Database.ExecuteSqlRawAsync("ANALYZE \"SamplingRecords\"", ct);
            }
            else
            {
                await tx.RollbackAsync(ct);
                stored = 0;
                newTubes = 0;
            }
        }
        finally
        {
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
        }
        var elapsed = clock.GetElapsedTime(started).TotalSeconds;
        logger.LogInformation("Sampling records for round {Round}: {Total} rows read, {Stored} stored, {Bad} refused in {Seconds:F1} s.", roundId, total, stored, badRows, elapsed);
        if (outside > 0)
            await audit.AppendAsync(user.Actor, new AuditEvent("screening.samples.import", AuditOutcome.Denied, "screeningRound", roundId.ToString(CultureInfo.InvariantCulture), $"{outside} rows outside jurisdiction"), ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.samples.import", stored > 0 ? AuditOutcome.Success : AuditOutcome.Failure, "screeningRound",
            roundId.ToString(CultureInfo.InvariantCulture), $"rows={total}; stored={stored}; refused={total - stored}; tubes={newTubes}"), ct);
        return new IngestResult(new IngestReport(SheetImports.Name(mode), total, stored, total - stored, errorCount, newTubes, errors, stored > 0, Math.Round(elapsed, 3)), null);

        // Problems found only when the chunk meets the database (a tube from an earlier upload).
        void Fail2(int row, string message)
        {
            errorCount++;
            badRows++;
            if (errors.Count < MaxErrorsListed) errors.Add(new ImportError(row, columns.Header("tubeCode"), "tubeCode", null, message));
        }
    }

    private static (int, int) Add((int Rows, int Tubes) a, (int Rows, int Tubes) b) => (a.Rows + b.Rows, a.Tubes + b.Tubes);

    // Writes a chunk: first asks the database which of its new tubes an earlier upload already holds
    // (their rows are refused, so a re-sent file adds nothing), then the new tubes, then the rows.
    private async Task<(int Rows, int Tubes)> FlushAsync(List<Pending> chunk, Dictionary<string, TubeState> tubes, IRowWriter writer, Action<int, string> fail, CancellationToken ct)
    {
        var unchecked_ = chunk.Select(p => p.Tube).Where(t => !tubes[t].Checked).Distinct().ToList();
        foreach (var batch in unchecked_.Chunk(1000))
        {
            var existing = await db.Tubes.AsNoTracking().Where(t => batch.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
            foreach (var code in existing) tubes[code].Existing = true;
        }
        var newTubes = new List<(string Code, TubeState State)>();
        foreach (var code in unchecked_)
        {
            var state = tubes[code];
            state.Checked = true;
            if (!state.Existing) newTubes.Add((code, state));
        }
        var rows = new List<Pending>(chunk.Count);
        foreach (var p in chunk)
        {
            if (tubes[p.Tube].Existing) fail(p.Line, "该试管已在此前的上传中登记，本行未重复写入 / this tube was ingested by an earlier upload; the row is not stored twice");
            else rows.Add(p);
        }
        chunk.Clear();
        await writer.WriteTubesAsync(newTubes.Select(t => (t.Code, t.State.District, t.State.Point,
            t.State.Capacity == 1 ? TubeKind.Individual : TubeKind.Pool, new DateTime(t.State.Ticks, DateTimeKind.Utc))), ct);
        await writer.WriteRecordsAsync(rows, ct);
        return (rows.Count, newTubes.Count);
    }

    private static bool IsCode(string s)
    {
        foreach (var c in s) if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        return true;
    }

    private static string? Clip(string? text) => text is { Length: > 30 } ? text[..30] + "…" : text;


    private interface IRowWriter : IAsyncDisposable
    {
        Task WriteTubesAsync(IEnumerable<(string Code, string District, Guid? Point, TubeKind Kind, DateTime CollectedAt)> tubes, CancellationToken ct);
        Task WriteRecordsAsync(List<Pending> rows, CancellationToken ct);
    }

    // PostgreSQL: one binary COPY per chunk and table, on the transaction's connection.
    private sealed class CopyWriter(NpgsqlConnection connection, int roundId) : IRowWriter
    {
        public async Task WriteTubesAsync(IEnumerable<(string Code, string District, Guid? Point, TubeKind Kind, DateTime CollectedAt)> tubes, CancellationToken ct)
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                """COPY "Tubes" ("DistrictCode","Code","RoundId","PointId","Kind","CollectedAt","Result","Version") FROM STDIN (FORMAT BINARY)""", ct);
            foreach (var t in tubes)
            {
                copy.StartRow();
                copy.Write(t.District, NpgsqlDbType.Varchar);
                copy.Write(t.Code, NpgsqlDbType.Varchar);
                copy.Write(roundId, NpgsqlDbType.Integer);
                if (t.Point is { } point) copy.Write(point, NpgsqlDbType.Uuid); else copy.WriteNull();
                copy.Write((short)t.Kind, NpgsqlDbType.Smallint);
                copy.Write(t.CollectedAt, NpgsqlDbType.TimestampTz);
                copy.Write((short)TubeResult.Pending, NpgsqlDbType.Smallint);
                copy.Write(1, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync(ct);
        }

        // Synchronous field writes: the importer buffers, and a Task per field would cost more than the field.
        public async Task WriteRecordsAsync(List<Pending> rows, CancellationToken ct)
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                """COPY "SamplingRecords" ("DistrictCode","RoundId","TubeCode","IdNumber","Name","Phone","CommitteeCode") FROM STDIN (FORMAT BINARY)""", ct);
            foreach (var r in rows)
            {
                copy.StartRow();
                copy.Write(r.District, NpgsqlDbType.Varchar);
                copy.Write(roundId, NpgsqlDbType.Integer);
                copy.Write(r.Tube, NpgsqlDbType.Varchar);
                copy.Write(r.IdNumber, NpgsqlDbType.Varchar);
                copy.Write(r.Name, NpgsqlDbType.Varchar);
                if (r.Phone is null) copy.WriteNull(); else copy.Write(r.Phone, NpgsqlDbType.Varchar);
                copy.Write(r.Committee, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync(ct);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    // SQLite: one prepared statement per table, reused for every row, inside the one transaction.
    private sealed class SqliteWriter : IRowWriter
    {
        private readonly SqliteCommand _tube, _record;
        private readonly SqliteParameter[] _t, _r;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, int roundId)
        {
            _tube = connection.CreateCommand();
            _tube.Transaction = transaction;
            _tube.CommandText = """INSERT INTO "Tubes" ("DistrictCode","Code","RoundId","PointId","Kind","CollectedAt","Result","Version") VALUES ($d,$c,$r,$p,$k,$a,0,1)""";
            _t = [.. new[] { "$d", "$c", "$r", "$p", "$k", "$a" }.Select(n => _tube.Parameters.Add(new SqliteParameter(n, null)))];
            _t[2].Value = roundId;
            _record = connection.CreateCommand();
            _record.Transaction = transaction;
            _record.CommandText = """INSERT INTO "SamplingRecords" ("DistrictCode","RoundId","TubeCode","IdNumber","Name","Phone","CommitteeCode") VALUES ($d,$r,$t,$i,$n,$p,$c)""";
            _r = [.. new[] { "$d", "$r", "$t", "$i", "$n", "$p", "$c" }.Select(n => _record.Parameters.Add(new SqliteParameter(n, null)))];
            _r[1].Value = roundId;
        }

        public async Task WriteTubesAsync(IEnumerable<(string Code, string District, Guid? Point, TubeKind Kind, DateTime CollectedAt)> tubes, CancellationToken ct)
        {
            foreach (var t in tubes)
            {
                _t[0].Value = t.District;
                _t[1].Value = t.Code;
                // EF Core's SQLite formats, so the rows read back like any other.
                _t[3].Value = t.Point is { } p ? p.ToString().ToUpperInvariant() : DBNull.Value;
                _t[4].Value = (int)t.Kind;
                _t[5].Value = t.CollectedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                await _tube.ExecuteNonQueryAsync(ct);
            }
        }

        public Task WriteRecordsAsync(List<Pending> rows, CancellationToken ct)
        {
            // Synchronous: SQLite's "async" is synchronous underneath and the Task per row is pure overhead.
            foreach (var r in rows)
            {
                _r[0].Value = r.District;
                _r[2].Value = r.Tube;
                _r[3].Value = r.IdNumber;
                _r[4].Value = r.Name;
                _r[5].Value = (object?)r.Phone ?? DBNull.Value;
                _r[6].Value = r.Committee;
                _record.ExecuteNonQuery();
            }
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _tube.Dispose();
            _record.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

using System.Globalization;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Supplies;

// A node's day for one product as it reports it: what it dispensed, what it received from outside
// the platform, and optionally what it counted on the shelf at the end of the day. The facility is
// named by id or by its exact name, the product by id or code. On-hand is never typed: a count
// becomes a Found or Lost movement of the difference.
public sealed record StockReportRow(string? Date, Guid? FacilityId, string? FacilityName, Guid? ProductId, string? ProductCode,
    long? Dispensed, long? Received, long? Counted, string? Lot, string? Expiry);

public sealed record StockReportBatch(string? Mode, IReadOnlyList<StockReportRow>? Rows);

public sealed record StockReportError(int Row, string Column, string Field, string? Value, string Message);

public sealed record StockReportResult(string Mode, int TotalRows, int Imported, int Rejected, int Movements, bool Stored,
    IReadOnlyList<StockReportError> Errors);

// Turns daily stock reports (API rows or a spreadsheet) into ledger movements: Receipt for what
// came in, Dispensed for what went out, then Found/Lost to bring the ledger to the count. All rows in
// one transaction; mode all stores every row or none, mode valid stores the good rows — each row
// runs inside a savepoint, so a row the ledger refuses (dispensing more than on hand) leaves
// nothing of itself behind. A facility × product × date already reported is refused, so importing
// the same file twice does not count a day twice.
public sealed class StockReports(FangkongDb db, StockLedger ledger, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    public sealed record Column(string Key, string ZhHans, string ZhHant, string En)
    {
        public string Header(int language) => language switch { 1 => ZhHant, 2 => En, _ => ZhHans };
    }

    public static readonly Column[] Columns =
    [
        new("date", "日期", "日期", "Date"),
        new("facilityId", "机构编号", "機構編號", "Facility ID"),
        new("facilityName", "机构名称", "機構名稱", "Facility"),
        new("productCode", "品种编码", "品種編碼", "Product code"),
        new("dispensed", "当日发放", "當日發放", "Dispensed"),
        new("received", "当日外部入库", "當日外部入庫", "Received"),
        new("counted", "日终盘点", "日終盤點", "Counted"),
        new("lot", "批号", "批號", "Lot"),
        new("expiry", "有效期至", "有效期至", "Expiry"),
    ];

    private static Column? Match(string? header)
    {
        var text = header?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return Columns.FirstOrDefault(c => string.Equals(c.Key, text, StringComparison.OrdinalIgnoreCase)
            || c.ZhHans == text || c.ZhHant == text || string.Equals(c.En, text, StringComparison.OrdinalIgnoreCase));
    }

    public static string Marker(DateOnly date) => $"日报 / daily report {date:yyyy-MM-dd}";

    private sealed record Parsed(int Row, Func<string, string> ColumnOf, Func<string, string?> ValueOf, List<StockReportError> Errors)
    {
        public DateOnly Date;
        public Facility? Facility;
        public Product? Product;
        public long Dispensed, Received;
        public long? Counted;
        public string Lot = "";
        public DateOnly? Expiry;

        public void Fail(string field, string message) => Errors.Add(new(Row, ColumnOf(field), field, ValueOf(field), message));
    }

    public Task<StockReportResult> SubmitAsync(StockReportBatch batch, CancellationToken ct)
    {
        var rows = batch.Rows ?? [];
        return RunAsync(SheetImports.ParseMode(batch.Mode) ?? ImportMode.All, rows.Select((r, i) => (i + 1, (Func<string, string>)(f => f), r)).ToList(), "api", ct);
    }

    // Null report and a file error when the file cannot be read as a report at all.
    public async Task<(StockReportResult? Result, FieldErrors? FileErrors)> ImportAsync(string? fileName, byte[] content, ImportMode mode, CancellationToken ct)
    {
        static (StockReportResult?, FieldErrors?) Problem(string message) => (null, new FieldErrors().Add("file", message));
        var (sheet, format, fileProblem) = SheetImports.Open(fileName, content, MaxRows);
        if (sheet is null) return Problem(fileProblem!);
        var columns = new Dictionary<string, (int Index, string Header)>();
        var unknown = new List<string>();
        for (var i = 0; i < sheet[0].Cells.Length; i++)
        {
            var text = sheet[0][i]?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (Match(text) is { } column) columns.TryAdd(column.Key, (i, text));
            else unknown.Add(text);
        }
        if (unknown.Count > 0) return Problem($"无法识别的列：{string.Join("、", unknown)} / unknown columns: {string.Join(", ", unknown)}");
        var missing = new[] { "date", "productCode" }.Where(k => !columns.ContainsKey(k)).ToList();
        if (!columns.ContainsKey("facilityId") && !columns.ContainsKey("facilityName")) missing.Add("facilityId");
        if (missing.Count > 0) return Problem($"缺少必需的列 / missing columns: {string.Join(", ", missing)}");

        string? Cell(SheetRow row, string key) => columns.TryGetValue(key, out var c) && row[c.Index] is { } t && !string.IsNullOrWhiteSpace(t) ? t.Trim() : null;
        string HeaderOf(string key) => columns.TryGetValue(key, out var c) ? c.Header : key;
        var rows = new List<(int, Func<string, string>, StockReportRow)>();
        var unreadable = new List<StockReportError>();
        foreach (var row in sheet.Skip(1))
        {
            long? Number(string key)
            {
                var text = Cell(row, key);
                if (text is null) return null;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 1e15) return (long)d;
                unreadable.Add(new(row.Number, HeaderOf(key), key, text, "须为整数 / must be a whole number"));
                return null;
            }
            Guid? id = null;
            if (Cell(row, "facilityId") is { } idText)
            {
                if (Guid.TryParse(idText, out var g)) id = g;
                else unreadable.Add(new(row.Number, HeaderOf("facilityId"), "facilityId", idText, "机构编号格式无效 / not a facility id"));
            }
            rows.Add((row.Number, HeaderOf, new StockReportRow(ExcelDate(Cell(row, "date")), id, Cell(row, "facilityName"), null, Cell(row, "productCode"),
                Number("dispensed"), Number("received"), Number("counted"), Cell(row, "lot"), ExcelDate(Cell(row, "expiry")))));
        }
        return (await RunAsync(mode, rows, format.ToString().ToLowerInvariant(), ct, unreadable), null);
    }

    // Excel keeps a typed date as a serial day number; text dates pass through.
    private static string? ExcelDate(string? text) =>
        text is not null && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000
            ? DateOnly.FromDateTime(new DateTime(1899, 12, 30).AddDays(serial)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : text;

    private async Task<StockReportResult> RunAsync(ImportMode mode, List<(int Row, Func<string, string> ColumnOf, StockReportRow Input)> rows,
        string source, CancellationToken ct, List<StockReportError>? unreadable = null)
    {
        var modeName = SheetImports.Name(mode);
        if (rows.Count == 0)
            return new StockReportResult(modeName, 0, 0, 0, 0, false, [new StockReportError(0, "rows", "rows", null, "没有数据行 / no rows")]);
        if (rows.Count > MaxRows)
            return new StockReportResult(modeName, rows.Count, 0, rows.Count, 0, false,
                [new StockReportError(0, "rows", "rows", null, $"最多 {MaxRows} 行 / at most {MaxRows} rows")]);

        var parsed = rows.Select(r => Check(r.Row, r.ColumnOf, r.Input)).ToList();
        foreach (var e in unreadable ?? [])
            parsed.First(p => p.Row == e.Row).Errors.Add(e);
        await ResolveAsync(parsed, ct);
        MarkDuplicates(parsed);
        await MarkAlreadyReportedAsync(parsed, ct);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        foreach (var p in parsed.Where(p => p.Errors.Count == 0 && p.Date > today))
            p.Fail("date", "不能填报未来日期 / cannot report a future day");

        var store = mode == ImportMode.Valid || parsed.All(p => p.Errors.Count == 0);
        var imported = 0;
        var movements = 0;
        if (store)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Oldest day first, so a count reconciles against the days before it.
            foreach (var p in parsed.Where(p => p.Errors.Count == 0).OrderBy(p => p.Date).ThenBy(p => p.Row))
            {
                if (mode == ImportMode.Valid) await tx.CreateSavepointAsync("stock_report_row", ct);
                var written = await ApplyAsync(p, ct);
                if (written is not null)
                {
                    imported++;
                    movements += written.Value;
                    continue;
                }
                db.ChangeTracker.Clear();
                if (mode == ImportMode.All) break;
                await tx.RollbackToSavepointAsync("stock_report_row", ct);
            }
            store = mode == ImportMode.Valid || parsed.All(p => p.Errors.Count == 0);
            if (store) await tx.CommitAsync(ct);
            else
            {
                await tx.RollbackAsync(ct);
                imported = movements = 0;
            }
        }
        var errors = parsed.SelectMany(p => p.Errors).OrderBy(e => e.Row).ToList();
        var rejected = parsed.Count(p => p.Errors.Count > 0);
        await audit.AppendAsync(user.Actor, new AuditEvent("stock.report", store ? AuditOutcome.Success : AuditOutcome.Failure, "stock", null,
            $"mode={modeName} source={source} rows={parsed.Count} imported={imported} rejected={rejected} movements={movements}"), ct);
        return new StockReportResult(modeName, parsed.Count, imported, rejected, movements, store, errors);
    }

    private static Parsed Check(int row, Func<string, string> columnOf, StockReportRow input)
    {
        string? ValueOf(string field) => field switch
        {
            "date" => input.Date, "facilityId" => input.FacilityId?.ToString() ?? input.FacilityName, "facilityName" => input.FacilityName,
            "productCode" => input.ProductCode ?? input.ProductId?.ToString(), "dispensed" => Text(input.Dispensed),
            "received" => Text(input.Received), "counted" => Text(input.Counted), "lot" => input.Lot, "expiry" => input.Expiry, _ => null,
        };
        var p = new Parsed(row, columnOf, ValueOf, []);
        if (string.IsNullOrWhiteSpace(input.Date)) p.Fail("date", "必填 / required");
        else if (!DateOnly.TryParseExact(input.Date.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out p.Date))
            p.Fail("date", "日期格式应为 yyyy-MM-dd / date must be yyyy-MM-dd");
        if (input.FacilityId is null && string.IsNullOrWhiteSpace(input.FacilityName)) p.Fail("facilityId", "必填 / required");
        if (input.ProductId is null && string.IsNullOrWhiteSpace(input.ProductCode)) p.Fail("productCode", "必填 / required");
        foreach (var (field, value) in new[] { ("dispensed", input.Dispensed), ("received", input.Received), ("counted", input.Counted) })
        {
            if (value is < 0) p.Fail(field, "不能为负数 / cannot be negative");
            else if (value > StockLedger.MaxQuantity) p.Fail(field, $"不能超过 {StockLedger.MaxQuantity:N0} / at most {StockLedger.MaxQuantity:N0}");
        }
        p.Dispensed = input.Dispensed ?? 0;
        p.Received = input.Received ?? 0;
        p.Counted = input.Counted;
        if (input.Dispensed is null && input.Received is null && input.Counted is null)
            p.Fail("dispensed", "发放、入库、盘点至少填一项 / give dispensed, received or counted");
        p.Lot = (input.Lot ?? "").Trim();
        if (p.Lot.Length > 40) p.Fail("lot", "批号最长 40 字符 / lot is at most 40 characters");
        if (!string.IsNullOrWhiteSpace(input.Expiry))
        {
            if (DateOnly.TryParseExact(input.Expiry.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
                p.Expiry = expiry;
            else p.Fail("expiry", "日期格式应为 yyyy-MM-dd / date must be yyyy-MM-dd");
        }
        return p;

        static string? Text(long? n) => n?.ToString(CultureInfo.InvariantCulture);
    }

    // Facilities and products for the whole batch in a few queries. A facility outside the
    // caller's jurisdiction is named as such (the ledger would answer 403 for it).
    private async Task ResolveAsync(List<Parsed> parsed, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().ToListAsync(ct);
        var byCode = products.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var byId = products.ToDictionary(p => p.Id);
        var facilityIds = new HashSet<Guid>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var inputs = parsed.Select(p => (p, id: p.ValueOf("facilityId"), name: p.ValueOf("facilityName"))).ToList();
        foreach (var (_, id, name) in inputs)
        {
            if (Guid.TryParse(id, out var g)) facilityIds.Add(g);
            else if (!string.IsNullOrWhiteSpace(name)) names.Add(name.Trim());
        }
        var facilities = new Dictionary<Guid, Facility>();
        foreach (var chunk in facilityIds.Chunk(500))
            // unscoped: facilities are reference data (names and divisions of the facilities an order, plan or report names)
            foreach (var f in await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => chunk.Contains(f.Id)).ToListAsync(ct))
                facilities[f.Id] = f;
        var named = new Dictionary<string, List<Facility>>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(500))
            foreach (var f in await db.Facilities.AsNoTracking().Where(f => chunk.Contains(f.Name) && StockLedger.StockNodeKinds.Contains(f.Kind)).ToListAsync(ct))
                (named.TryGetValue(f.Name, out var list) ? list : named[f.Name] = []).Add(f);

        foreach (var (p, id, name) in inputs)
        {
            if (Guid.TryParse(id, out var g))
            {
                if (!facilities.TryGetValue(g, out var f)) p.Fail("facilityId", "机构不存在 / unknown facility");
                else if (!user.Jurisdiction.CoversFacility(f.Id, f.DivisionCode)) p.Fail("facilityId", "机构不在管辖范围内 / facility outside your jurisdiction");
                else if (!StockLedger.StockNodeKinds.Contains(f.Kind)) p.Fail("facilityId", "该类机构不管理药品物资库存 / this kind of facility keeps no stock");
                else p.Facility = f;
            }
            else if (!string.IsNullOrWhiteSpace(name) && p.Errors.All(e => e.Field != "facilityId"))
            {
                var found = named.GetValueOrDefault(name.Trim()) ?? [];
                if (found.Count == 1) p.Facility = found[0];
                else p.Fail("facilityName", found.Count == 0 ? "管辖范围内没有该名称的库存点 / no stock node of this name in your jurisdiction"
                    : "同名机构不止一个，请填机构编号 / several facilities have this name; give the facility id");
            }
            var code = p.ValueOf("productCode");
            if (!string.IsNullOrWhiteSpace(code))
            {
                if ((Guid.TryParse(code, out var pid) ? byId.GetValueOrDefault(pid) : byCode.GetValueOrDefault(code.Trim())) is { } product) p.Product = product;
                else p.Fail("productCode", "品种不存在 / unknown product");
            }
        }
    }

    private static void MarkDuplicates(List<Parsed> parsed)
    {
        var first = new Dictionary<(Guid, Guid, DateOnly), int>();
        foreach (var p in parsed.Where(p => p.Facility is not null && p.Product is not null && p.Date != default))
        {
            if (first.TryGetValue((p.Facility!.Id, p.Product!.Id, p.Date), out var earlier))
                p.Fail("date", $"与第 {earlier} 行重复（机构、品种、日期相同）/ duplicates row {earlier} (same facility, product and date)");
            else first[(p.Facility.Id, p.Product.Id, p.Date)] = p.Row;
        }
    }

    private async Task MarkAlreadyReportedAsync(List<Parsed> parsed, CancellationToken ct)
    {
        var candidates = parsed.Where(p => p.Errors.Count == 0).ToList();
        foreach (var day in candidates.GroupBy(p => p.Date))
        {
            var marker = Marker(day.Key);
            var facilityIds = day.Select(p => p.Facility!.Id).Distinct().ToList();
            var done = new HashSet<(Guid, Guid)>();
            foreach (var chunk in facilityIds.Chunk(500))
                // unscoped: stock is not personal data; whether these report rows' facilities already reported that day
                done.UnionWith((await db.StockMovements.IgnoreQueryFilters().AsNoTracking()
                    .Where(m => chunk.Contains(m.FacilityId) && m.Note == marker).Select(m => new { m.FacilityId, m.ProductId }).Distinct()
                    .ToListAsync(ct)).Select(m => (m.FacilityId, m.ProductId)));
            foreach (var p in day.Where(p => done.Contains((p.Facility!.Id, p.Product!.Id))))
                p.Fail("date", "该机构该品种当日已填报 / this facility already reported this product for that day");
        }
    }

    // The row's movements through the ledger; null (with the row's error added) when it refuses one.
    private async Task<int?> ApplyAsync(Parsed p, CancellationToken ct)
    {
        var note = Marker(p.Date);
        var count = 0;
        if (p.Received > 0)
        {
            if (!Ok(await ledger.AddAsync(p.Facility!, p.Product!.Id, p.Lot, p.Expiry, p.Received, MovementReason.Receipt, null, null, note, ct), "received")) return null;
            count++;
        }
        if (p.Dispensed > 0)
        {
            if (!Ok(await ledger.TakeAsync(p.Facility!, p.Product!.Id, null, p.Dispensed, MovementReason.Dispensed, null, null, note, ct), "dispensed")) return null;
            count++;
        }
        if (p.Counted is { } counted)
        {
            // unscoped: stock is not personal data; the ledger reads the lots/movements of the one node this write was already checked for (or the order's source)
            var onHand = await db.StockLots.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.DistrictCode == p.Facility!.DistrictCode && l.FacilityId == p.Facility.Id && l.ProductId == p.Product!.Id)
                .SumAsync(l => l.OnHand, ct);
            var difference = counted - onHand;
            if (difference > 0)
            {
                // Found units go to the row's lot, or to the node's first-expiring lot when none is named.
                var lot = p.Lot;
                var expiry = p.Expiry;
                if (lot.Length == 0 && await FirstLotAsync(p, ct) is { } existing) (lot, expiry) = (existing.Lot, existing.Expiry);
                if (!Ok(await ledger.AddAsync(p.Facility!, p.Product!.Id, lot, expiry, difference, MovementReason.Found, null, null, note, ct), "counted")) return null;
                count++;
            }
            else if (difference < 0)
            {
                if (!Ok(await ledger.TakeAsync(p.Facility!, p.Product!.Id, null, -difference, MovementReason.Lost, null, null, note, ct), "counted")) return null;
                count++;
            }
        }
        return count;

        bool Ok(WriteOutcome<MovementResult> outcome, string field)
        {
            if (outcome is WriteOutcome<MovementResult>.Done) return true;
            var message = outcome is WriteOutcome<MovementResult>.Invalid invalid ? invalid.Errors.ToString() : "台账拒绝 / the ledger refused";
            p.Fail(field, message.StartsWith("quantity: ", StringComparison.Ordinal) ? message["quantity: ".Length..] : message);
            return false;
        }
    }

    private Task<StockLot?> FirstLotAsync(Parsed p, CancellationToken ct) =>
        // unscoped: stock is not personal data; the ledger reads the lots/movements of the one node this write was already checked for (or the order's source)
        db.StockLots.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.DistrictCode == p.Facility!.DistrictCode && l.FacilityId == p.Facility.Id && l.ProductId == p.Product!.Id)
            .OrderBy(l => l.Expiry == null).ThenBy(l => l.Expiry).ThenBy(l => l.Lot).FirstOrDefaultAsync(ct);

    // The template: the header, and when a node is given one row per product it stocks for today.
    public async Task WriteTemplateAsync(Stream output, SheetFormat format, int language, Guid? facilityId, CancellationToken ct)
    {
        var header = Columns.Select(c => c.Header(language)).ToList();
        var rows = new List<object?[]>();
        if (facilityId is { } id && await db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } facility)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var codes = await db.StockLots.AsNoTracking().Where(l => l.FacilityId == id)
                .Join(db.Products, l => l.ProductId, p => p.Id, (l, p) => p.Code).Distinct().OrderBy(c => c).ToListAsync(ct);
            rows.AddRange(codes.Select(code => new object?[] { today, facility.Id.ToString(), facility.Name, code, null, null, null, null, null }));
        }
        if (format == SheetFormat.Csv)
            await SheetFiles.WriteCsvAsync(output, header, rows.ToAsyncEnumerable(), r => r, ct);
        else
            await SheetFiles.WriteXlsxAsync(output, [new SheetFiles.XlsxSheet(language == 2 ? "Stock report" : "库存日报", header, rows.ToAsyncEnumerable(),
                [12, 38, 30, 14, 12, 14, 12, 14, 12])], ct);
    }

    private static readonly string[][] ExportHeader =
    [
        ["区县", "区划代码", "机构编号", "机构名称", "机构类型", "品种编码", "品种名称", "单位", "批号", "有效期至", "库存"],
        ["區縣", "區劃代碼", "機構編號", "機構名稱", "機構類型", "品種編碼", "品種名稱", "單位", "批號", "有效期至", "庫存"],
        ["District", "Division code", "Facility ID", "Facility", "Kind", "Product code", "Product", "Unit", "Lot", "Expiry", "On hand"],
    ];

    // Every lot at one node or under a division, in scope. Returns the number of rows written.
    public async Task<int> WriteExportAsync(Stream output, Guid? facilityId, string? divisionPrefix, int language, CancellationToken ct)
    {
        var lots = db.StockLots.AsNoTracking().AsQueryable();
        if (facilityId is { } f) lots = lots.Where(l => l.FacilityId == f);
        if (!string.IsNullOrWhiteSpace(divisionPrefix))
        {
            var prefix = divisionPrefix.Trim();
            lots = lots.Where(l => l.DivisionCode.StartsWith(prefix));
        }
        var rows = lots
            .Join(db.Facilities, l => l.FacilityId, fa => fa.Id, (l, fa) => new { l, fa.Name, fa.Kind })
            .Join(db.Products, x => x.l.ProductId, p => p.Id, (x, p) => new
            {
                x.l.DistrictCode, x.l.DivisionCode, x.l.FacilityId, x.Name, x.Kind, p.Code, ProductName = p.Name, p.Unit, x.l.Lot, x.l.Expiry, x.l.OnHand,
            })
            .OrderBy(r => r.DivisionCode).ThenBy(r => r.Name).ThenBy(r => r.Code).ThenBy(r => r.Lot)
            .AsAsyncEnumerable()
            .Select(r => new object?[]
            {
                r.DistrictCode, r.DivisionCode, r.FacilityId.ToString(), r.Name, FacilitySheet.KindLabel(r.Kind, language), r.Code, r.ProductName,
                r.Unit, r.Lot, r.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.OnHand > int.MaxValue ? (double)r.OnHand : (int)r.OnHand,
            });
        var header = ExportHeader[Math.Clamp(language, 0, 2)];
        return (await SheetFiles.WriteXlsxAsync(output, [new SheetFiles.XlsxSheet(language == 2 ? "Stock" : "库存", header, rows,
            [8, 14, 38, 30, 12, 14, 30, 6, 14, 12, 12])], ct))[0];
    }

    public Task AuditExportAsync(int rows, Guid? facilityId, string? division, CancellationToken ct) =>
        audit.AppendAsync(user.Actor, new AuditEvent("stock.export", AuditOutcome.Success, "stock", facilityId?.ToString() ?? division,
            $"rows={rows}"), ct);
}

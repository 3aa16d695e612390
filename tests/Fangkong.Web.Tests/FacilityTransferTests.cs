using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

public abstract class FacilityTransferTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The headers a user of the simplified-Chinese interface gets in a template or an export.
    private static readonly string[] Headers =
        ["类型", "名称", "所属区划代码", "地址", "纬度", "经度", "电话", "床位", "ICU 床位", "呼吸机", "隔离房间", "日接诊能力", "仓储容积(m³)", "日产能", "人员"];
    private static readonly string[] EnglishHeaders =
        ["Kind", "Name", "Division code", "Address", "Latitude", "Longitude", "Phone", "Beds", "ICU beds", "Ventilators", "Isolation rooms", "Visits per day", "Storage (m³)", "Daily output", "Staff"];
    private static readonly string[] KeyHeaders =
        ["kind", "name", "divisionCode", "address", "latitude", "longitude", "phone", "beds", "icuBeds", "ventilators", "isolationRooms", "dailyVisits", "storageCubicMetres", "dailyOutputUnits", "employees"];

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    // kind, name, division, address, lat, lon, phone, beds, icu, ventilators, rooms, visits, storage, output, staff
    private static object?[] Pharmacy(string name, string division, object? employees = null, object? beds = null) =>
        ["药店", name, division, "测试路 1 号", 31.19, 121.44, null, beds, null, null, null, null, null, null, employees ?? 8];

    private static object?[] DesignatedHospital(string name, string division) =>
        ["定点医院", name, division, "测试路 2 号", 31.2, 121.43, "021-64041990", 800, 60, 40, null, null, null, null, 1200];

    private static object?[] QuarantineHotel(string name, string division) =>
        ["QuarantineHotel", name, division, "测试路 3 号", null, null, "13800138000", null, null, null, 200, null, null, null, 50];

    private async Task<string> FirstStreetOf(HttpClient client, string district)
    {
        var streets = await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct);
        return streets![0].GetProperty("code").GetString()!;
    }

    private static async Task<int> Count(HttpClient client, string query = "")
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/facilities/count{query}", Ct);
        return body.GetProperty("count").GetInt32();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Import(HttpClient client, byte[] file, string fileName, string mode = "all")
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName } };
        var response = await client.PostAsync($"/api/facilities/import?mode={mode}", form, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    private static JsonElement[] Errors(JsonElement report) => [.. report.GetProperty("errors").EnumerateArray()];

    // Rows 2, 3 and 6 are good. Row 4 names a division that does not exist; row 5 gives a pharmacy
    // beds (not a pharmacy's field) and "abc" as its staff count.
    private static byte[] ThreeGoodTwoBad(string tag, string street) => TestWorkbook.Xlsx(
    [
        Headers,
        DesignatedHospital($"测试定点医院{tag}", street),
        Pharmacy($"测试大药房{tag}", street),
        Pharmacy($"测试无区划药房{tag}", "310104999"),
        Pharmacy($"测试错字段药房{tag}", street, employees: "abc", beds: 20),
        QuarantineHotel($"测试隔离酒店{tag}", street),
    ]);

    [Fact]
    public async Task Mode_all_with_bad_rows_stores_nothing_and_reports_each_bad_row_by_row_and_column()
    {
        var client = await app.SignedIn("commander");
        var street = await FirstStreetOf(client, "310104");
        var before = await Count(client);

        var (status, body) = await Import(client, ThreeGoodTwoBad(Tag(), street), "facilities.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var report = body.GetProperty("report");
        Assert.Equal("all", report.GetProperty("mode").GetString());
        Assert.Equal(5, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());
        var errors = Errors(report);
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 4 && e.GetProperty("field").GetString() == "divisionCode"
            && e.GetProperty("column").GetString() == "所属区划代码" && e.GetProperty("value").GetString() == "310104999");
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 5 && e.GetProperty("field").GetString() == "beds"
            && e.GetProperty("column").GetString() == "床位");
        Assert.Contains(errors, e => e.GetProperty("row").GetInt32() == 5 && e.GetProperty("field").GetString() == "employees"
            && e.GetProperty("column").GetString() == "人员" && e.GetProperty("value").GetString() == "abc");
        Assert.All(errors, e => Assert.Contains(e.GetProperty("row").GetInt32(), new[] { 4, 5 }));
        Assert.Equal(before, await Count(client));
    }

    [Fact]
    public async Task Mode_valid_stores_the_good_rows_and_importing_the_same_file_again_adds_nothing()
    {
        var client = await app.SignedIn("commander");
        var street = await FirstStreetOf(client, "310104");
        var before = await Count(client);
        var file = ThreeGoodTwoBad(Tag(), street);

        var (status, report) = await Import(client, file, "facilities.xlsx", "valid");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());
        Assert.Equal([4, 5], Errors(report).Select(e => e.GetProperty("row").GetInt32()).Distinct().Order());
        Assert.Equal(before + 3, await Count(client));

        // A retried upload must not duplicate: the three stored rows are now known facilities.
        var (again, problem) = await Import(client, file, "facilities.xlsx", "all");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Equal(5, problem.GetProperty("report").GetProperty("rejected").GetInt32());
        Assert.Equal(before + 3, await Count(client));
    }

    [Fact]
    public async Task A_Xuhui_user_cannot_import_a_facility_into_Pudong()
    {
        var commander = await app.SignedIn("commander");
        var xuhuiStreet = await FirstStreetOf(commander, "310104");
        var pudongStreet = await FirstStreetOf(commander, "310115");
        Assert.StartsWith("310115", pudongStreet);
        var xuhui = await app.UserWithScope("SuppliesTaskForce", "310104");
        var tag = Tag();

        var (status, report) = await Import(xuhui, TestWorkbook.Xlsx(
        [
            EnglishHeaders,
            Pharmacy($"徐汇药房{tag}", xuhuiStreet),
            Pharmacy($"浦东药房{tag}", pudongStreet),
        ]), "facilities.xlsx", "valid");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        var error = Assert.Single(Errors(report));
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("divisionCode", error.GetProperty("field").GetString());
        Assert.Equal("Division code", error.GetProperty("column").GetString());
        Assert.Contains("jurisdiction", error.GetProperty("message").GetString());
        Assert.Equal(0, await Count(commander, $"?q={Uri.EscapeDataString($"浦东药房{tag}")}"));
        Assert.Equal(1, await Count(commander, $"?q={Uri.EscapeDataString($"徐汇药房{tag}")}"));
    }

    [Fact]
    public async Task A_csv_export_holds_only_the_jurisdiction_and_its_rows_import_back_under_new_names()
    {
        var worker = await app.UserWithScope("CommunityWorker", "310104");
        var response = await worker.GetAsync("/api/facilities/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"facilities-{app.Clock.Day().Replace("-", "")}.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);

        var rows = ReadCsv(bytes);
        var header = rows[0];
        Assert.Equal(["编号", .. Headers], header);
        var data = rows.Skip(1).ToList();
        var division = Array.IndexOf(header, "所属区划代码");
        Assert.NotEmpty(data);
        Assert.Equal(await Count(worker), data.Count);
        Assert.All(data, r => Assert.StartsWith("310104", r[division]));
        Assert.DoesNotContain(data, r => r[division].StartsWith("310115", StringComparison.Ordinal));

        // A community worker may export but not import.
        Assert.Equal(HttpStatusCode.Forbidden, (await Import(worker, bytes, "facilities.csv")).Status);

        var supplies = await app.UserWithScope("SuppliesTaskForce", "310104");
        var before = await Count(supplies);
        var name = Array.IndexOf(header, "名称");
        var renamed = data.Take(3).Select(r => r.Select((cell, i) => i == name ? cell + " 新址" + Tag() : cell).ToArray()).ToList();
        var (status, report) = await Import(supplies, Csv([header, .. renamed]), "facilities.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal(before + 3, await Count(supplies));

        // The rows as exported are the stored facilities themselves, so they are refused as duplicates.
        var (unchanged, problem) = await Import(supplies, Csv([header, data[0]]), "facilities.csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unchanged);
        Assert.Equal("name", Assert.Single(Errors(problem.GetProperty("report"))).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_xlsx_export_reads_back_with_the_header_and_one_row_per_facility_in_scope()
    {
        var worker = await app.UserWithScope("CommunityWorker", "310104");
        // As the list page links it: every filter present, the unused ones empty.
        var response = await worker.GetAsync("/api/facilities/export?format=xlsx&kind=&division=&q=", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"facilities-{app.Clock.Day().Replace("-", "")}.xlsx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.GetAsync("/api/facilities/export?format=xlsx&kind=nonsense", Ct)).StatusCode);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document, Ct));
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("机构", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        Assert.Equal(PaneStateValues.Frozen, worksheet.Descendants<Pane>().Single().State!.Value);

        var rows = worksheet.Descendants<Row>().ToList();
        var header = rows[0].Elements<Cell>().Select(c => TestWorkbook.Text(c, workbook)).ToArray();
        Assert.Equal(["编号", .. Headers], header);
        Assert.All(rows[0].Elements<Cell>(), c => Assert.Equal(1U, c.StyleIndex!.Value));
        Assert.Equal(await Count(worker), rows.Count - 1);

        var division = Array.IndexOf(header, "所属区划代码");
        var beds = TestWorkbook.ColumnLetter(Array.IndexOf(header, "床位"));
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()));
            Assert.StartsWith("310104", TestWorkbook.Text(cells[TestWorkbook.ColumnLetter(division)], workbook));
            if (cells.TryGetValue(beds, out var bedCell))
                Assert.True(bedCell.DataType is null && int.TryParse(bedCell.CellValue!.Text, CultureInfo.InvariantCulture, out _),
                    "capacities are written as numbers");
        }
    }

    [Fact]
    public async Task An_export_is_recorded_in_the_audit_trail()
    {
        var commander = await app.SignedIn("commander");
        Assert.Equal(HttpStatusCode.OK, (await commander.GetAsync("/api/facilities/export?format=csv&kind=ShelterHospital", Ct)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?action=facility.export", Ct);
        Assert.True(page.GetProperty("total").GetInt32() >= 1);
        Assert.Contains(page.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("userName").GetString() == "commander" && e.GetProperty("detail").GetString()!.Contains("rows=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_that_are_not_a_spreadsheet_or_hold_no_rows_are_refused_naming_file()
    {
        var client = await app.SignedIn("commander");
        var cases = new (byte[] Content, string Name)[]
        {
            (Encoding.UTF8.GetBytes("类型,名称\n药店,某药房\n"), "facilities.txt"),
            (Encoding.UTF8.GetBytes("not a zip"), "facilities.xlsx"),
            (Csv([Headers]), "facilities.csv"),
            (TestWorkbook.Xlsx([["品名", "规格"], ["x", "y"]]), "facilities.xlsx"),
        };
        foreach (var (content, name) in cases)
        {
            var (status, body) = await Import(client, content, name);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(body.GetProperty("errors").TryGetProperty("file", out _), $"{name}: {body}");
        }
    }

    [Fact]
    public async Task The_template_has_the_header_and_a_notes_sheet_and_imports_once_filled_in()
    {
        var client = await app.SignedIn("commander");
        var response = await client.GetAsync("/api/facilities/import/template?format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        string[] header;
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document, Ct));
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["机构", "说明"], sheets.Select(s => s.Name!.Value));
            var rows = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet.Descendants<Row>().ToList();
            header = rows.Single().Elements<Cell>().Select(c => TestWorkbook.Text(c, workbook)).ToArray();
            Assert.Equal(Headers, header);
            var notes = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Row>().ToList();
            Assert.Equal(11, notes.Count);
        }

        var csv = await client.GetByteArrayAsync("/api/facilities/import/template?format=csv", Ct);
        Assert.Equal(Headers, ReadCsv(csv).Single());

        var street = await FirstStreetOf(client, "310104");
        var (status, report) = await Import(client, TestWorkbook.Xlsx([header, QuarantineHotel($"模板隔离酒店{Tag()}", street)]), "template.xlsx");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task Five_thousand_rows_import_in_one_request()
    {
        var client = await app.SignedIn("commander");
        // Minhang, so the Xuhui export tests stay small whichever order the tests run in.
        var streets = (await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/310112/children", Ct))!
            .Select(s => s.GetProperty("code").GetString()!).ToArray();
        var before = await Count(client);

        // Twice: the first request also pays for JIT and EF Core's first insert; the second is the steady state.
        var timings = new List<long>();
        foreach (var tag in new[] { Tag(), Tag() })
        {
            var rows = new List<object?[]> { KeyHeaders };
            for (var i = 0; i < 5_000; i++)
                rows.Add(Pharmacy($"批量药房{tag}-{i:D4}", streets[i % streets.Length], employees: 3 + i % 10));
            var file = TestWorkbook.Xlsx(rows);

            var clock = Stopwatch.StartNew();
            var (status, report) = await Import(client, file, "bulk.xlsx");
            timings.Add(clock.ElapsedMilliseconds);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(5_000, report.GetProperty("imported").GetInt32());
        }
        Assert.Equal(before + 10_000, await Count(client));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{app.ProviderName}: 5,000 rows imported via the API in {timings[0]} ms (first request), {timings[1]} ms (second)");
    }

    [Fact]
    public async Task A_database_failure_part_way_through_an_import_stores_nothing()
    {
        var client = await app.SignedIn("commander");
        var streets = (await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/310112/children", Ct))!
            .Select(s => s.GetProperty("code").GetString()!).ToArray();
        var before = await Count(client);
        var tag = Tag();
        var rows = new List<object?[]> { KeyHeaders };
        for (var i = 0; i < 2_500; i++)
            rows.Add(Pharmacy($"中途失败药房{tag}-{i:D4}", streets[i % streets.Length]));

        // The same database behind a host whose second facility batch fails, after the first has been written.
        var failing = new FailSecondFacilityBatch();
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.ConfigureDbContext<FangkongDb>(o => o.AddInterceptors(failing), ServiceLifetime.Singleton)));
        var broken = host.CreateClient();
        var login = await broken.PostAsJsonAsync("/api/auth/token", new { userName = "commander", password = DemoAccounts.Password }, Ct);
        var token = await login.Content.ReadFromJsonAsync<FangkongFactory.TokenResponse>(Ct);
        broken.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);

        var (status, _) = await Import(broken, TestWorkbook.Xlsx(rows), "bulk.xlsx");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.True(failing.Batches >= 2, "the failure came after a batch had been written");
        Assert.Equal(before, await Count(client));
    }

    private sealed class FailSecondFacilityBatch : SaveChangesInterceptor
    {
        private int _batches;
        public int Batches => _batches;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Facility>().Any(e => e.State == EntityState.Added)
                && Interlocked.Increment(ref _batches) == 2)
                throw new DbUpdateException("simulated failure of the second batch");
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "")]);
        return rows;
    }

    private static byte[] Csv(IEnumerable<IReadOnlyList<object?>> rows)
    {
        static string Field(object? v)
        {
            var s = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
            return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
        }
        var text = string.Concat(rows.Select(r => string.Join(',', r.Select(Field)) + "\r\n"));
        return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
    }
}

// Builds workbooks the way Excel does (shared strings, numbers as numbers), independently of the
// platform's own writer.
internal static class TestWorkbook
{
    public static byte[] Xlsx(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = new List<string>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Count; c++)
                {
                    var reference = ColumnLetter(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case int n:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n) });
                            break;
                        case double d:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d) });
                            break;
                        case var v:
                            strings.Add(Convert.ToString(v, CultureInfo.InvariantCulture)!);
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.Count - 1) });
                            break;
                    }
                }
                data.Append(row);
            }
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Worksheet(data);
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    public static string ColumnLetter(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    public static string Text(Cell cell, WorkbookPart workbook) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
        : cell.DataType?.Value == CellValues.SharedString
            ? workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText
            : cell.CellValue?.Text ?? "";
}

public sealed class FacilityTransferTestsOnSqlite(SqliteFactory app) : FacilityTransferTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class FacilityTransferTestsOnPostgres(PostgresFactory app) : FacilityTransferTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Globalization;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;

namespace Fangkong.Web.Features.Treatment;

// A day's positives from a spreadsheet (the lab or the district's list): each row becomes a person
// (found by ID number, or registered) and a waiting patient, through PatientFlow's own checks, so a
// row is refused for exactly the reasons the form would refuse it. Every row is judged before any
// is stored; mode All stores every row or none, mode Valid the good ones. Rows are registered one by
// one (each person and patient is audited as it is created), not in one transaction.
public sealed class PositivesImport(PatientFlow flow)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    // Header names accepted, in the three languages and as API field names.
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["name"] = ["姓名", "name"],
        ["idNumber"] = ["身份证号", "身份證號", "idNumber", "ID number"],
        ["phone"] = ["电话", "電話", "phone"],
        ["divisionCode"] = ["居住地区划代码", "區劃代碼", "区划代码", "divisionCode"],
        ["severity"] = ["病情", "severity"],
        ["chronicDisease"] = ["慢性病", "chronicDisease"],
        ["pregnant"] = ["孕妇", "孕婦", "pregnant"],
        ["detectedAt"] = ["检出时间", "檢出時間", "detectedAt"],
    };

    public static readonly string[] TemplateHeader = ["姓名", "身份证号", "电话", "居住地区划代码", "病情", "慢性病", "孕妇", "检出时间"];

    public async Task<ImportResult> ImportAsync(string? fileName, byte[] content, ImportMode mode, CancellationToken ct)
    {
        var (rows, _, fileProblem) = SheetImports.Open(fileName, content, MaxRows);
        if (rows is null) return SheetImports.FileProblem(fileProblem!);
        var columns = SheetColumns.Match(rows[0], Columns);
        if (columns.Missing("idNumber", "divisionCode", "severity") is { Count: > 0 } missing)
            return SheetImports.FileProblem($"缺少列 / missing columns: {string.Join(", ", missing)}");

        // Judge every row first (nothing written), then store: all rows, or the good ones.
        var errors = new List<ImportError>();
        var ready = new List<PatientInput>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Skip(1).Where(r => !r.IsEmpty))
        {
            string? Cell(string key) => columns.Cell(row, key);
            var rowErrors = new List<ImportError>();
            void Fail(string field, string message) => rowErrors.Add(new ImportError(row.Number, columns.Header(field), field, Cell(field), message));
            var id = Cell("idNumber") ?? "";
            if (id.Length > 0 && !seen.Add(id)) Fail("idNumber", "文件中重复 / repeated in the file");
            var detected = ParseTime(Cell("detectedAt"), out var timeProblem);
            if (timeProblem) Fail("detectedAt", "时间格式应为 yyyy-MM-dd HH:mm / use yyyy-MM-dd HH:mm");
            var input = new PatientInput(null, Cell("name"), id, Cell("phone"), Cell("divisionCode"), Cell("severity"),
                Yes(Cell("chronicDisease")), Yes(Cell("pregnant")), detected);
            if (rowErrors.Count == 0) Collect(await flow.CheckAsync(input, ct), Fail);
            if (rowErrors.Count == 0) ready.Add(input);
            errors.AddRange(rowErrors);
        }

        var total = rows.Skip(1).Count(r => !r.IsEmpty);
        var rejected = errors.Select(e => e.Row).Distinct().Count();
        if (mode == ImportMode.All && rejected > 0)
            return new ImportResult(new ImportReport("all", total, 0, rejected, errors), null, false);
        var imported = 0;
        foreach (var input in ready)
        {
            // Checked a moment ago; a row that a concurrent change makes invalid is reported, not stored.
            var outcome = await flow.RegisterAsync(input, ct);
            if (outcome is WriteOutcome<Patient>.Done) imported++;
            else errors.Add(new ImportError(0, columns.Header("idNumber"), "idNumber", input.IdNumber, "登记时被拒绝（数据刚被更改）/ refused on registration (changed meanwhile)"));
        }
        return new ImportResult(new ImportReport(SheetImports.Name(mode), total, imported, total - imported, errors), null, imported > 0);
    }

    private static void Collect(FieldErrors e, Action<string, string> fail)
    {
        foreach (var (field, messages) in e.All)
            fail(Columns.ContainsKey(field) ? field : "idNumber", string.Join("；", messages));
    }

    private static bool Yes(string? text) => text?.Trim().ToLowerInvariant() is "是" or "y" or "yes" or "true" or "1";

    private static DateTime? ParseTime(string? text, out bool problem)
    {
        problem = false;
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] formats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd", "yyyy/M/d H:mm", "yyyy/M/d"];
        if (DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return Platform.Localization.ChinaTime.ToUtc(local);
        problem = true;
        return null;
    }

}

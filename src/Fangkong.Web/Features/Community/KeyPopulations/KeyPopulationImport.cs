using System.Globalization;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;

namespace Fangkong.Web.Features.Community.KeyPopulations;

// A community roster (Excel/CSV) onto the register: every row judged first with the same checks
// as the form (ID number, division in scope, known conditions, doses, not already registered, not
// twice in the file), then all rows or the good ones stored, with a row-by-row report.
public sealed class KeyPopulationImport(KeyPopulationRegister register)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["name"] = ["姓名", "name"],
        ["idNumber"] = ["身份证号", "身份證號", "idNumber"],
        ["phone"] = ["电话", "電話", "phone"],
        ["divisionCode"] = ["居住地区划代码", "区划代码", "區劃代碼", "divisionCode"],
        ["conditions"] = ["慢性病", "conditions"],
        ["pregnant"] = ["孕妇", "孕婦", "pregnant"],
        ["disabled"] = ["残疾", "殘疾", "disabled"],
        ["livingAlone"] = ["独居", "獨居", "livingAlone"],
        ["vaccineDoses"] = ["疫苗剂次", "疫苗劑次", "vaccineDoses"],
        ["lastDoseOn"] = ["末次接种日期", "末次接種日期", "lastDoseOn"],
        ["familyDoctor"] = ["家庭医生", "家庭醫生", "familyDoctor"],
        ["worker"] = ["社区工作者", "社區工作者", "worker"],
    };

    public static readonly string[] TemplateHeader = ["姓名", "身份证号", "电话", "居住地区划代码", "慢性病", "孕妇", "残疾", "独居", "疫苗剂次", "末次接种日期", "家庭医生", "社区工作者"];

    public async Task<ImportResult> ImportAsync(string? fileName, byte[] content, ImportMode mode, CancellationToken ct)
    {
        var (rows, _, fileProblem) = SheetImports.Open(fileName, content, MaxRows);
        if (rows is null) return SheetImports.FileProblem(fileProblem!);
        var columns = SheetColumns.Match(rows[0], Columns);
        if (columns.Missing("name", "idNumber", "divisionCode") is { Count: > 0 } missing)
            return SheetImports.FileProblem($"缺少列 / missing columns: {string.Join(", ", missing)}");

        var errors = new List<ImportError>();
        var ready = new List<KeyResidentInput>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Skip(1).Where(r => !r.IsEmpty))
        {
            string? Cell(string key) => columns.Cell(row, key);
            var rowErrors = new List<ImportError>();
            void Fail(string field, string message) =>
                rowErrors.Add(new ImportError(row.Number, columns.Header(field), field, Cell(Columns.ContainsKey(field) ? field : "idNumber"), message));
            var id = Cell("idNumber") ?? "";
            if (id.Length > 0 && !seen.Add(id)) Fail("idNumber", "文件中重复 / repeated in the file");
            int? doses = null;
            if (Cell("vaccineDoses") is { Length: > 0 } dosesText)
            {
                if (int.TryParse(dosesText, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) doses = n;
                else Fail("vaccineDoses", "须为整数 / must be a whole number");
            }
            DateOnly? lastDose = null;
            if (Cell("lastDoseOn") is { Length: > 0 } dateText)
            {
                if (DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) lastDose = date;
                else Fail("lastDoseOn", "日期格式应为 yyyy-MM-dd / use yyyy-MM-dd");
            }
            var input = new KeyResidentInput(null, Cell("name"), id, Cell("phone"), Cell("divisionCode"),
                (Cell("conditions") ?? "").Split([';', '；', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Yes(Cell("pregnant")), Yes(Cell("disabled")), Yes(Cell("livingAlone")), doses, lastDose, Cell("familyDoctor"), Cell("worker"));
            if (rowErrors.Count == 0)
            {
                var (found, _, _) = await register.CheckAsync(input, ct);
                foreach (var (field, messages) in found.All) Fail(field, string.Join("；", messages));
            }
            if (rowErrors.Count == 0) ready.Add(input);
            errors.AddRange(rowErrors);
        }

        var total = rows.Skip(1).Count(r => !r.IsEmpty);
        var rejected = errors.Select(e => e.Row).Distinct().Count();
        if (mode == ImportMode.All && rejected > 0) return new ImportResult(new ImportReport(SheetImports.Name(mode), total, 0, rejected, errors), null, false);
        var imported = 0;
        foreach (var input in ready)
        {
            if (await register.RegisterAsync(input, ct) is WriteOutcome<KeyResident>.Done) imported++;
            else errors.Add(new ImportError(0, columns.Header("idNumber"), "idNumber", input.IdNumber, "登记时被拒绝（数据刚被更改）/ refused on registration (changed meanwhile)"));
        }
        return new ImportResult(new ImportReport(SheetImports.Name(mode), total, imported, total - imported, errors), null, imported > 0);
    }

    private static bool Yes(string? text) => text?.Trim().ToLowerInvariant() is "是" or "y" or "yes" or "true" or "1";

}

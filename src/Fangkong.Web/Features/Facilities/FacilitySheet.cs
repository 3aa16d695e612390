using System.Globalization;
using System.Text;

namespace Fangkong.Web.Features.Facilities;

public enum SheetValue { Text, Kind, Decimal, Integer }

public sealed record SheetColumn(string Key, SheetValue Value, string ZhHans, string ZhHant, string En)
{
    // Language index as UiText.IndexOf gives it: 0 zh-Hans, 1 zh-Hant, 2 en.
    public string Header(int language) => language switch { 1 => ZhHant, 2 => En, _ => ZhHans };
}

// The one column layout of facility spreadsheets, shared by export, template and import, so a file
// exported in any interface language imports again unchanged. Headers here are part of the file
// format: they are kept in code, not in ui-text.json, so editing an interface label cannot break
// templates people already filled in.
public static class FacilitySheet
{
    public static readonly SheetColumn Id = new("id", SheetValue.Text, "编号", "編號", "ID");

    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("kind", SheetValue.Kind, "类型", "類型", "Kind"),
        new("name", SheetValue.Text, "名称", "名稱", "Name"),
        new("divisionCode", SheetValue.Text, "所属区划代码", "所屬區劃代碼", "Division code"),
        new("address", SheetValue.Text, "地址", "地址", "Address"),
        new("latitude", SheetValue.Decimal, "纬度", "緯度", "Latitude"),
        new("longitude", SheetValue.Decimal, "经度", "經度", "Longitude"),
        new("phone", SheetValue.Text, "电话", "電話", "Phone"),
        new("beds", SheetValue.Integer, "床位", "床位", "Beds"),
        new("icuBeds", SheetValue.Integer, "ICU 床位", "ICU 床位", "ICU beds"),
        new("ventilators", SheetValue.Integer, "呼吸机", "呼吸機", "Ventilators"),
        new("isolationRooms", SheetValue.Integer, "隔离房间", "隔離房間", "Isolation rooms"),
        new("dailyVisits", SheetValue.Integer, "日接诊能力", "日接診能力", "Visits per day"),
        new("storageCubicMetres", SheetValue.Integer, "仓储容积(m³)", "倉儲容積(m³)", "Storage (m³)"),
        new("dailyOutputUnits", SheetValue.Integer, "日产能", "日產能", "Daily output"),
        new("employees", SheetValue.Integer, "人员", "人員", "Staff"),
    ];

    public static readonly IReadOnlyList<SheetColumn> ExportColumns = [Id, .. Columns];

    public static readonly IReadOnlyList<string> RequiredColumns = ["kind", "name", "divisionCode", "address"];

    public static string SheetName(int language) => language switch { 1 => "機構", 2 => "Facilities", _ => "机构" };
    public static string NotesSheetName(int language) => language switch { 1 => "說明", 2 => "Notes", _ => "说明" };

    public static SheetColumn ByKey(string key) => ExportColumns.First(c => c.Key == key);

    // People retype headers: any of the three languages or the key, in any case, with or without
    // spaces, with full-width or ASCII brackets.
    private static readonly Dictionary<string, SheetColumn> ByHeader = ExportColumns
        .SelectMany(c => new[] { c.Key, c.ZhHans, c.ZhHant, c.En }.Select(h => (Header: Normalize(h), Column: c)))
        .DistinctBy(x => x.Header)
        .ToDictionary(x => x.Header, x => x.Column);

    public static SheetColumn? Match(string? header) =>
        string.IsNullOrWhiteSpace(header) ? null : ByHeader.GetValueOrDefault(Normalize(header));

    private static string Normalize(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
        {
            if (char.IsWhiteSpace(c)) continue;
            text.Append(c switch { '（' => '(', '）' => ')', '³' => '3', _ => char.ToLowerInvariant(c) });
        }
        return text.ToString();
    }

    public static string KindLabel(FacilityKind kind, int language) => FacilityKindRules.Labels[kind][Math.Clamp(language, 0, 2)];

    // The value a facility has in a column: text, a number, or null for an empty cell.
    public static object? ValueOf(Facility f, SheetColumn column, int language) => column.Key switch
    {
        "id" => f.Id.ToString(),
        "kind" => KindLabel(f.Kind, language),
        "name" => f.Name,
        "divisionCode" => f.DivisionCode,
        "address" => f.Address,
        "latitude" => f.Latitude,
        "longitude" => f.Longitude,
        "phone" => f.Phone,
        "beds" => f.Beds,
        "icuBeds" => f.IcuBeds,
        "ventilators" => f.Ventilators,
        "isolationRooms" => f.IsolationRooms,
        "dailyVisits" => f.DailyVisits,
        "storageCubicMetres" => f.StorageCubicMetres,
        "dailyOutputUnits" => f.DailyOutputUnits,
        "employees" => f.Employees,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Key, null),
    };

    // The CSV writer puts an apostrophe before text that starts like a formula (CSV injection);
    // it comes off again on import, so an exported file imports unchanged.
    private const string FormulaStarts = "=+-@\t\r";

    public static string UnguardFormula(string text) =>
        text.Length > 1 && text[0] == '\'' && FormulaStarts.Contains(text[1]) ? text[1..] : text;

    // Excel stores every number as a double, so "120" may arrive as "120" or "1.2E2"; a whole number
    // is what the column needs, thousands separators allowed.
    public static bool TryInteger(string text, out int value)
    {
        value = 0;
        if (!double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var d)
            || !double.IsFinite(d) || Math.Floor(d) != d || d < int.MinValue || d > int.MaxValue)
            return false;
        value = (int)d;
        return true;
    }

    public static bool TryDecimal(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

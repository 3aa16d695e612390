using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Facilities;

// What a client may send to create or edit a facility: the API body, a form post and an import row.
// Id, version, district and timestamps are not here, so they cannot be slipped in.
public sealed record FacilityInput(
    string? Kind,
    string? Name,
    string? DivisionCode,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Phone,
    int? Beds = null,
    int? IcuBeds = null,
    int? Ventilators = null,
    int? IsolationRooms = null,
    int? DailyVisits = null,
    int? StorageCubicMetres = null,
    int? DailyOutputUnits = null,
    int? Employees = null)
{
    public const int MaxCapacity = 1_000_000;

    public sealed record Valid(FacilityKind Kind, string Name, string DivisionCode, string Address,
        double? Latitude, double? Longitude, string? Phone, Capacity Capacity);

    // Checks everything that does not need the database; the caller checks that the division exists and is in scope.
    public Valid? Validate(FieldErrors errors)
    {
        var okKind = FacilityKindRules.TryParseKind(Kind, out var kind);
        if (!okKind) errors.Add("kind", $"机构类型无效 / unknown facility kind '{Kind}'");
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "名称必填 / name is required");
        else if (name.Length > 200) errors.Add("name", "名称最长 200 字 / at most 200 characters");
        var division = DivisionCode?.Trim() ?? "";
        if (!DivisionCodes.IsWellFormed(division) || division.Length < 6)
            errors.Add("divisionCode", "区划代码须为区县级或以下的 6、9 或 12 位 GB/T 2260 代码 / must be a 6, 9 or 12 digit code at district level or below");
        var address = Address?.Trim() ?? "";
        if (address.Length == 0) errors.Add("address", "地址必填 / address is required");
        else if (address.Length > 300) errors.Add("address", "地址最长 300 字 / at most 300 characters");
        if (Latitude is null != Longitude is null)
            errors.Add(Latitude is null ? "latitude" : "longitude", "经纬度须同时填写 / give both latitude and longitude");
        if (Latitude is { } lat && (double.IsNaN(lat) || lat < 3 || lat > 54))
            errors.Add("latitude", "纬度不在中国范围内（3–54）/ latitude outside China (3–54)");
        if (Longitude is { } lon && (double.IsNaN(lon) || lon < 73 || lon > 136))
            errors.Add("longitude", "经度不在中国范围内（73–136）/ longitude outside China (73–136)");
        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        if (phone is not null && !PhoneNumbers.IsValid(phone))
            errors.Add("phone", "电话号码格式无效 / not a valid mainland phone number");

        var capacity = new Capacity(Beds, IcuBeds, Ventilators, IsolationRooms, DailyVisits, StorageCubicMetres, DailyOutputUnits, Employees);
        var values = new Dictionary<string, int?>
        {
            ["beds"] = Beds, ["icuBeds"] = IcuBeds, ["ventilators"] = Ventilators, ["isolationRooms"] = IsolationRooms,
            ["dailyVisits"] = DailyVisits, ["storageCubicMetres"] = StorageCubicMetres, ["dailyOutputUnits"] = DailyOutputUnits, ["employees"] = Employees,
        };
        foreach (var (field, value) in values)
            if (value is < 0 or > MaxCapacity)
                errors.Add(field, $"须在 0 到 {MaxCapacity} 之间 / must be between 0 and {MaxCapacity}");
        if (okKind)
        {
            var rule = FacilityKindRules.For(kind);
            foreach (var (field, value) in values)
            {
                if (value is not null && !rule.Allowed.Contains(field))
                    errors.Add(field, $"此类机构不适用该容量字段 / does not apply to {kind}");
                if (value is null && rule.Required.Contains(field))
                    errors.Add(field, $"此类机构必须填写 / required for {kind}");
            }
        }
        if (Beds is { } beds && IcuBeds is { } icu && icu > beds)
            errors.Add("icuBeds", "ICU 床位不能多于总床位 / cannot exceed beds");

        return errors.Any ? null : new Valid(kind, name, division, address, Latitude, Longitude, phone, capacity);
    }
}

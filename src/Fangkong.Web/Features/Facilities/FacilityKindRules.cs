namespace Fangkong.Web.Features.Facilities;

// Which capacity fields each kind of facility carries, and which of them it must state.
public static class FacilityKindRules
{
    public sealed record Rule(IReadOnlySet<string> Allowed, IReadOnlySet<string> Required);

    public static readonly IReadOnlyList<string> CapacityFields =
        ["beds", "icuBeds", "ventilators", "isolationRooms", "dailyVisits", "storageCubicMetres", "dailyOutputUnits", "employees"];

    private static readonly Dictionary<FacilityKind, Rule> Rules = new()
    {
        [FacilityKind.DesignatedHospital] = R(["beds", "icuBeds", "ventilators", "employees"], ["beds", "icuBeds"]),
        [FacilityKind.GeneralHospital] = R(["beds", "icuBeds", "ventilators", "employees"], ["beds"]),
        [FacilityKind.ShelterHospital] = R(["beds", "employees"], ["beds"]),
        [FacilityKind.FeverClinic] = R(["dailyVisits", "beds", "employees"], ["dailyVisits"]),
        [FacilityKind.CommunityHealthCentre] = R(["dailyVisits", "beds", "employees"], []),
        [FacilityKind.Pharmacy] = R(["employees"], []),
        [FacilityKind.DrugWarehouse] = R(["storageCubicMetres", "employees"], ["storageCubicMetres"]),
        [FacilityKind.Manufacturer] = R(["dailyOutputUnits", "employees"], ["dailyOutputUnits"]),
        [FacilityKind.Enterprise] = R(["employees"], ["employees"]),
        [FacilityKind.QuarantineHotel] = R(["isolationRooms", "employees"], ["isolationRooms"]),
    };

    public static Rule For(FacilityKind kind) => Rules[kind];

    public static bool TryParseKind(string? text, out FacilityKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _)) return true;
        foreach (var (k, labels) in Labels)
            if (labels.Contains(text)) { kind = k; return true; }
        return false;
    }

    // Names people write in spreadsheets, in the three interface languages.
    public static readonly IReadOnlyDictionary<FacilityKind, string[]> Labels = new Dictionary<FacilityKind, string[]>
    {
        [FacilityKind.DesignatedHospital] = ["定点医院", "定點醫院", "Designated hospital"],
        [FacilityKind.GeneralHospital] = ["综合医院", "綜合醫院", "General hospital"],
        [FacilityKind.ShelterHospital] = ["方舱医院", "方艙醫院", "Shelter hospital"],
        [FacilityKind.FeverClinic] = ["发热门诊", "發熱門診", "Fever clinic"],
        [FacilityKind.CommunityHealthCentre] = ["社区卫生服务中心", "社區衛生服務中心", "Community health centre"],
        [FacilityKind.Pharmacy] = ["药店", "藥店", "Pharmacy"],
        [FacilityKind.DrugWarehouse] = ["药品仓库/配送企业", "藥品倉庫/配送企業", "Drug warehouse / distributor"],
        [FacilityKind.Manufacturer] = ["生产企业", "生產企業", "Manufacturer"],
        [FacilityKind.Enterprise] = ["企业", "企業", "Enterprise"],
        [FacilityKind.QuarantineHotel] = ["隔离酒店", "隔離酒店", "Quarantine hotel"],
    };

    private static Rule R(string[] allowed, string[] required) => new(allowed.ToHashSet(), required.ToHashSet());
}

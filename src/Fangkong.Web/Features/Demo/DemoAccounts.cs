namespace Fangkong.Web.Platform.Access;

// One account per role for the demo city, all with this published password and flagged IsDemo.
// Production mode refuses them at login and refuses this password on any account.
public static class DemoAccounts
{
    public const string Password = "Fangkong-Demo-2026";

    public sealed record Account(string UserName, string DisplayName, string Role, string? Division, string? FacilityKind = null);

    public static IReadOnlyList<Account> For(string cityCode) =>
    [
        new("commander", "市指挥部（演示）", Roles.CityCommander, cityCode),
        new("supplies", "医药物资保障专班（演示）", Roles.SuppliesTaskForce, cityCode),
        new("medical", "医疗救治专班（演示）", Roles.MedicalTaskForce, cityCode),
        new("dispatcher", "120 急救调度（演示）", Roles.Dispatcher, cityCode),
        new("epi", "疾控流调（演示）", Roles.Epidemiologist, cityCode),
        new("xuhui", "徐汇区属地工作人员（演示）", Roles.CommunityWorker, cityCode == "3101" ? "310104" : cityCode),
        new("pudong", "浦东新区属地工作人员（演示）", Roles.CommunityWorker, cityCode == "3101" ? "310115" : cityCode),
        new("pudong-supplies", "浦东新区医药物资保障专班（演示）", Roles.SuppliesTaskForce, cityCode == "3101" ? "310115" : cityCode),
        new("pharmacy", "社会药店（演示）", Roles.Pharmacist, null, "Pharmacy"),
        new("bedmanager", "定点医院床位管理（演示）", Roles.BedManager, null, "DesignatedHospital"),
        new("enterprise", "企业联络员（演示）", Roles.EnterpriseLiaison, null, "Enterprise"),
        new("lab", "核酸检测实验室（演示）", Roles.Laboratory, cityCode),
        new("auditor", "审计管理员（演示）", Roles.Auditor, null),
        new("sysadmin", "系统管理员（演示）", Roles.SystemAdmin, cityCode),
        new("secadmin", "安全管理员（演示）", Roles.SecurityAdmin, null),
    ];
}

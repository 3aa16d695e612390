namespace Fangkong.Web.Platform.Access;

// The roles of MISSION.md plus the three separated administrator duties (三权分立). A user holds one
// role, so the duties cannot be combined on one account.
public static class Roles
{
    public const string CityCommander = "CityCommander";
    public const string SuppliesTaskForce = "SuppliesTaskForce";
    public const string CommunityWorker = "CommunityWorker";
    public const string BedManager = "BedManager";
    public const string Dispatcher = "Dispatcher";
    public const string Epidemiologist = "Epidemiologist";
    public const string EnterpriseLiaison = "EnterpriseLiaison";
    public const string Pharmacist = "Pharmacist";
    public const string MedicalTaskForce = "MedicalTaskForce";
    public const string Laboratory = "Laboratory";
    public const string Auditor = "Auditor";
    public const string SystemAdmin = "SystemAdmin";
    public const string SecurityAdmin = "SecurityAdmin";

    public static readonly IReadOnlyList<string> All =
    [
        CityCommander, SuppliesTaskForce, CommunityWorker, BedManager, Dispatcher,
        Epidemiologist, EnterpriseLiaison, Pharmacist, MedicalTaskForce, Laboratory, Auditor, SystemAdmin, SecurityAdmin,
    ];

    // Roles whose scope is one facility or enterprise instead of a division.
    public static bool IsFacilityBound(string role) => role is BedManager or EnterpriseLiaison or Pharmacist;
}

namespace Fangkong.Web.Platform.Access;

public enum Permission
{
    ViewFacilities,
    EditFacilities,
    ImportFacilities,
    ExportFacilities,
    ViewPeople,
    EditPeople,
    RevealPersonalData,
    ExportPeople,
    ViewAudit,
    ViewReports,
    EditReports,
    ImportReports,
    ManageUsers,
    ManageSystem,
}

public static class RolePermissions
{
    private static readonly Dictionary<string, Permission[]> Grants = new()
    {
        [Roles.CityCommander] = [Permission.ViewFacilities, Permission.EditFacilities, Permission.ImportFacilities, Permission.ExportFacilities, Permission.ViewPeople, Permission.ViewReports],
        [Roles.SuppliesTaskForce] = [Permission.ViewFacilities, Permission.EditFacilities, Permission.ImportFacilities, Permission.ExportFacilities, Permission.ViewReports],
        [Roles.CommunityWorker] = [Permission.ViewFacilities, Permission.ExportFacilities, Permission.ViewPeople, Permission.EditPeople, Permission.RevealPersonalData, Permission.ViewReports, Permission.EditReports, Permission.ImportReports],
        [Roles.BedManager] = [Permission.ViewFacilities, Permission.EditFacilities],
        [Roles.Dispatcher] = [Permission.ViewFacilities, Permission.ExportFacilities, Permission.ViewReports],
        [Roles.Epidemiologist] = [Permission.ViewFacilities, Permission.ExportFacilities, Permission.ViewPeople, Permission.EditPeople, Permission.RevealPersonalData, Permission.ExportPeople, Permission.ViewReports, Permission.EditReports, Permission.ImportReports],
        [Roles.EnterpriseLiaison] = [Permission.ViewFacilities, Permission.EditFacilities],
        // The three administrators hold disjoint duties and see no personal data.
        [Roles.Auditor] = [Permission.ViewAudit],
        [Roles.SystemAdmin] = [Permission.ManageSystem, Permission.ViewFacilities, Permission.EditFacilities, Permission.ImportFacilities, Permission.ExportFacilities],
        [Roles.SecurityAdmin] = [Permission.ManageUsers],
    };

    public static bool Has(string? role, Permission permission) =>
        role is not null && Grants.TryGetValue(role, out var granted) && granted.Contains(permission);
}

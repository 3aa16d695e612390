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
    // 三权分立: the system administrator creates accounts (identity and initial password, no role); the
    // security administrator grants role and jurisdiction, disables, enables and unlocks (ManageUsers).
    ManageUsers,
    CreateAccounts,
    ManageSystem,
    // Supplies: see stock, plans and orders in scope; record movements at a node in scope; edit the
    // catalogue and node policies; run, adjust and approve allocation plans; dispatch and receive
    // delivery orders; report pharmacy sales; review price and hoarding flags.
    ViewSupplies,
    RecordStock,
    ManageCatalogue,
    PlanSupplies,
    HandleDeliveries,
    ReportSales,
    ReviewPriceFlags,
    // Treatment: see beds and patients in scope; register positives and reassess them; run, adjust
    // and approve placements; manage a facility's wards and its admissions, transfers and discharges;
    // dispatch emergency transport.
    ViewTreatment,
    ManagePatients,
    PlacePatients,
    ManageWards,
    DispatchTransport,
    // 12345 hotline tickets: open, answer, escalate and close tickets for places in scope; analyse them.
    HandleTickets,
    // Community: the key-population register, check-ins and the green channel of one's divisions.
    ManageKeyPopulations,
    // Community: residents' requests (急难愁盼), their compounds' QR codes and medicine sharing.
    ManageCommunity,
    // Investigation (流调): see cases, contacts, chains and the four categories in scope; open and
    // investigate cases and name their contacts; run contacts' daily follow-ups.
    ViewInvestigation,
    Investigate,
    FollowUpContacts,
    // Area risk levels: compute, request overrides and publish rule sets; approve overrides (another person).
    ManageRiskAreas,
    ApproveRiskAreas,
    // Group orders for sealed compounds, the supplier's side: its packages and capacity, confirming
    // and scheduling the orders addressed to it (community workers use ManageCommunity).
    SupplyGroupOrders,
    // Health status (健康码): issue a signed status token for a person one may see; and, for the
    // security administrator, rotate signing keys, trust other cities' issuers (互认) and create the
    // integration clients that issue for the resident app.
    IssueHealthCodes,
    ManageHealthCodeKeys,
    // Mass screening: see rounds and completion in scope; open rounds and sampling points; upload
    // sampling records; post lab results (a laboratory's integration account, nothing else).
    ViewScreening,
    ManageScreening,
    RecordSamples,
    PostScreeningResults,
    // Break the glass: a time-limited, reasoned, audited read of one other division (BreakGlassGrant).
    BreakGlass,
}

public static class RolePermissions
{
    private static readonly Dictionary<string, Permission[]> Grants = new()
    {
        [Roles.CityCommander] = [Permission.ViewFacilities, Permission.EditFacilities, Permission.ImportFacilities, Permission.ExportFacilities, Permission.ViewPeople, Permission.ViewReports, Permission.ViewSupplies, Permission.ViewTreatment, Permission.HandleTickets,
            Permission.ViewInvestigation, Permission.ApproveRiskAreas,
            Permission.ViewScreening, Permission.ManageScreening, Permission.RecordSamples],
        // 医疗救治专班: places patients city- or district-wide and runs the bed picture.
        [Roles.MedicalTaskForce] = [Permission.ViewFacilities, Permission.ViewPeople, Permission.ViewReports, Permission.ViewTreatment, Permission.ManagePatients,
            Permission.PlacePatients, Permission.ManageWards, Permission.BreakGlass],
        [Roles.SuppliesTaskForce] = [Permission.ViewFacilities, Permission.EditFacilities, Permission.ImportFacilities, Permission.ExportFacilities, Permission.ViewReports,
            Permission.ViewSupplies, Permission.RecordStock, Permission.ManageCatalogue, Permission.PlanSupplies, Permission.HandleDeliveries, Permission.ReviewPriceFlags, Permission.SupplyGroupOrders],
        // A pharmacy's own account: its stock, its deliveries, its sales reports.
        [Roles.Pharmacist] = [Permission.ViewFacilities, Permission.ViewSupplies, Permission.RecordStock, Permission.HandleDeliveries, Permission.ReportSales],
        [Roles.CommunityWorker] = [Permission.ViewFacilities, Permission.ExportFacilities, Permission.ViewPeople, Permission.EditPeople, Permission.RevealPersonalData, Permission.ViewReports, Permission.EditReports, Permission.ImportReports,
            Permission.ViewTreatment, Permission.ManagePatients, Permission.ManageKeyPopulations, Permission.HandleTickets, Permission.ManageCommunity,
            Permission.ViewInvestigation, Permission.FollowUpContacts, Permission.IssueHealthCodes,
            Permission.ViewScreening, Permission.RecordSamples],
        [Roles.BedManager] = [Permission.ViewFacilities, Permission.EditFacilities, Permission.ViewSupplies, Permission.RecordStock, Permission.HandleDeliveries,
            Permission.ViewTreatment, Permission.ManagePatients, Permission.ManageWards],
        [Roles.Dispatcher] = [Permission.ViewFacilities, Permission.ExportFacilities, Permission.ViewReports, Permission.ViewTreatment, Permission.DispatchTransport],
        [Roles.Epidemiologist] = [Permission.ViewFacilities, Permission.ExportFacilities, Permission.ViewPeople, Permission.EditPeople, Permission.RevealPersonalData, Permission.ExportPeople, Permission.ViewReports, Permission.EditReports, Permission.ImportReports,
            Permission.ViewInvestigation, Permission.Investigate, Permission.FollowUpContacts, Permission.ManageRiskAreas, Permission.IssueHealthCodes,
            Permission.ViewScreening, Permission.ManageScreening, Permission.RecordSamples, Permission.BreakGlass],
        [Roles.EnterpriseLiaison] = [Permission.ViewFacilities, Permission.EditFacilities, Permission.ViewSupplies, Permission.RecordStock, Permission.HandleDeliveries,
            Permission.SupplyGroupOrders],
        // A testing laboratory's integration account: posts tube results, reads nothing personal.
        [Roles.Laboratory] = [Permission.PostScreeningResults],
        // The three administrators hold disjoint duties and see no personal data.
        [Roles.Auditor] = [Permission.ViewAudit],
        [Roles.SystemAdmin] = [Permission.ManageSystem, Permission.CreateAccounts, Permission.ViewFacilities, Permission.EditFacilities, Permission.ImportFacilities, Permission.ExportFacilities],
        [Roles.SecurityAdmin] = [Permission.ManageUsers, Permission.ManageHealthCodeKeys],
    };

    public static bool Has(string? role, Permission permission) =>
        role is not null && Grants.TryGetValue(role, out var granted) && granted.Contains(permission);
}

using Fangkong.Web.Features.Facilities;

namespace Fangkong.Web.Features.Supplies;

// Planning rules, bound from the "Supplies" configuration section.
public sealed class SupplyOptions
{
    // Days of dispensing averaged for "daily use" (need from consumption, days of supply).
    public int ConsumptionWindowDays { get; set; } = 7;
    public int DefaultHorizonDays { get; set; } = 7;
    public int DefaultSafetyDays { get; set; } = 3;
    // A division whose days of supply fall below these is warned about (critical / high / warning).
    public double CriticalDaysOfSupply { get; set; } = 1;
    public double HighDaysOfSupply { get; set; } = 3;
    public double WarningDaysOfSupply { get; set; } = 5;

    // Priority class by kind of site (1 = served first): sites treating severe patients, then
    // community health centres (the elderly and chronically ill, 重点人群), then pharmacies.
    public Dictionary<FacilityKind, int> PriorityByKind { get; set; } = new()
    {
        [FacilityKind.DesignatedHospital] = 1,
        [FacilityKind.GeneralHospital] = 1,
        [FacilityKind.FeverClinic] = 1,
        [FacilityKind.ShelterHospital] = 2,
        [FacilityKind.CommunityHealthCentre] = 2,
        [FacilityKind.Pharmacy] = 3,
    };

    // Sources hold stock for others and dispense nothing: they are never sites.
    public static readonly FacilityKind[] SourceKinds = [FacilityKind.DrugWarehouse, FacilityKind.Manufacturer];

    public int PriorityOf(FacilityKind kind) => PriorityByKind.TryGetValue(kind, out var p) ? p : 3;
}

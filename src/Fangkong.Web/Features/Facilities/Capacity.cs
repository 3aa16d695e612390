namespace Fangkong.Web.Features.Facilities;

// The typed capacity of a facility. Which fields a kind may carry is decided by FacilityKindRules,
// so a pharmacy cannot be given ICU beds by a typo in an import.
public sealed record Capacity(
    int? Beds = null,
    int? IcuBeds = null,
    int? Ventilators = null,
    int? IsolationRooms = null,
    int? DailyVisits = null,
    int? StorageCubicMetres = null,
    int? DailyOutputUnits = null,
    int? Employees = null)
{
    public static readonly Capacity None = new();
}

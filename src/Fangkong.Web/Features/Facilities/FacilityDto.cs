namespace Fangkong.Web.Features.Facilities;

public sealed record FacilityDto(
    Guid Id, FacilityKind Kind, string Name, string DivisionCode, string DistrictCode, string Address,
    double? Latitude, double? Longitude, string? Phone,
    int? Beds, int? IcuBeds, int? Ventilators, int? IsolationRooms, int? DailyVisits,
    int? StorageCubicMetres, int? DailyOutputUnits, int? Employees, int Version, DateTime UpdatedAt)
{
    public static FacilityDto From(Facility f) => new(
        f.Id, f.Kind, f.Name, f.DivisionCode, f.DistrictCode, f.Address, f.Latitude, f.Longitude, f.Phone,
        f.Beds, f.IcuBeds, f.Ventilators, f.IsolationRooms, f.DailyVisits, f.StorageCubicMetres, f.DailyOutputUnits,
        f.Employees, f.Version, f.UpdatedAt);
}

using Fangkong.Core.Divisions;

namespace Fangkong.Web.Features.Facilities;

public sealed class Facility
{
    private Facility() { }

    public static Facility Register(Guid id, FacilityKind kind, string name, string divisionCode, string address,
        double? latitude, double? longitude, string? phone, Capacity capacity, DateTime nowUtc)
    {
        var facility = new Facility { Id = id, CreatedAt = nowUtc };
        facility.Apply(kind, name, divisionCode, address, latitude, longitude, phone, capacity, nowUtc);
        facility.Version = 1;
        return facility;
    }

    // The distribution key for a sharded store (Citus): every large table carries its district code
    // and puts it first in its primary key, so rows of one district live together.
    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public FacilityKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string DivisionCode { get; private set; } = "";
    public string Address { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public string? Phone { get; private set; }
    public int? Beds { get; private set; }
    public int? IcuBeds { get; private set; }
    public int? Ventilators { get; private set; }
    public int? IsolationRooms { get; private set; }
    public int? DailyVisits { get; private set; }
    public int? StorageCubicMetres { get; private set; }
    public int? DailyOutputUnits { get; private set; }
    public int? Employees { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public Capacity Capacity => new(Beds, IcuBeds, Ventilators, IsolationRooms, DailyVisits, StorageCubicMetres, DailyOutputUnits, Employees);

    // A facility may not change district in place: the district is part of its key. Moving it is a
    // transfer (a new record in the new district), which needs its own right.
    public void Revise(FacilityKind kind, string name, string divisionCode, string address,
        double? latitude, double? longitude, string? phone, Capacity capacity, DateTime nowUtc)
    {
        if (DivisionCodes.DistrictOf(divisionCode) != DistrictCode)
            throw new InvalidOperationException("A facility cannot move to another district by an edit.");
        Apply(kind, name, divisionCode, address, latitude, longitude, phone, capacity, nowUtc);
        Version++;
    }

    private void Apply(FacilityKind kind, string name, string divisionCode, string address,
        double? latitude, double? longitude, string? phone, Capacity capacity, DateTime nowUtc)
    {
        Kind = kind;
        Name = name;
        DivisionCode = divisionCode;
        DistrictCode = DivisionCodes.DistrictOf(divisionCode);
        Address = address;
        Latitude = latitude;
        Longitude = longitude;
        Phone = phone;
        (Beds, IcuBeds, Ventilators, IsolationRooms, DailyVisits, StorageCubicMetres, DailyOutputUnits, Employees) =
            (capacity.Beds, capacity.IcuBeds, capacity.Ventilators, capacity.IsolationRooms, capacity.DailyVisits,
             capacity.StorageCubicMetres, capacity.DailyOutputUnits, capacity.Employees);
        UpdatedAt = nowUtc;
    }
}

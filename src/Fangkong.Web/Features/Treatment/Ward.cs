namespace Fangkong.Web.Features.Treatment;

// The beds of one level at one facility, with ventilators and staff on duty. Occupied and Reserved
// are running counts kept by PatientFlow in the same transaction as the patient event that changes
// them, through guarded updates (Occupied + Reserved <= Beds, also a CHECK constraint), so they are
// derived from events, never typed, and two approvals can never fill the same last bed.
public sealed class Ward
{
    private Ward() { }

    public static Ward Open(Guid id, Guid facilityId, string divisionCode, string districtCode, BedLevel level, string name,
        int beds, int ventilators, int staffOnDuty, DateTime nowUtc) => new()
    {
        Id = id, FacilityId = facilityId, DivisionCode = divisionCode, DistrictCode = districtCode, Level = level, Name = name,
        Beds = beds, Ventilators = ventilators, StaffOnDuty = staffOnDuty, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid FacilityId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public BedLevel Level { get; private set; }
    public string Name { get; private set; } = "";
    public int Beds { get; private set; }
    public int Ventilators { get; private set; }
    public int StaffOnDuty { get; private set; }
    public int Occupied { get; private set; }
    public int Reserved { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public int Free => Beds - Occupied - Reserved;

    // Beds and staff change by the ward's own edit; a ward cannot shrink below the patients in it.
    public void Resize(int beds, int ventilators, int staffOnDuty, DateTime nowUtc)
    {
        if (beds < Occupied + Reserved) throw new InvalidOperationException($"Ward {Name} holds {Occupied + Reserved}; it cannot shrink to {beds}.");
        (Beds, Ventilators, StaffOnDuty, UpdatedAt) = (beds, ventilators, staffOnDuty, nowUtc);
        Version++;
    }
}

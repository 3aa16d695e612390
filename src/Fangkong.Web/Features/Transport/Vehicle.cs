namespace Fangkong.Web.Features.Transport;

public enum VehicleKind { NegativePressureAmbulance = 1, Ambulance = 2, TransferBus = 3 }

public enum VehicleStatus { Available = 1, EnRoute = 2, OnScene = 3, Transporting = 4, Disinfecting = 5, OffDuty = 6 }

// One vehicle of the emergency transport fleet (急救转运). Its status moves with the request it
// serves; the move Available → EnRoute is made only by TransportDesk's guarded update, so a vehicle
// can never be on two calls. Disinfection ends by the clock: a vehicle Disinfecting past
// DisinfectedUntil counts as available (on read and for the guarded update), with no job to run.
public sealed class Vehicle
{
    private Vehicle() { }

    public static Vehicle Register(Guid id, string callSign, VehicleKind kind, int seats, Guid baseFacilityId, string divisionCode,
        double latitude, double longitude, DateTime nowUtc) => new()
    {
        Id = id, DistrictCode = divisionCode[..Math.Min(6, divisionCode.Length)], CallSign = callSign, Kind = kind,
        Seats = kind == VehicleKind.TransferBus ? seats : 1, BaseFacilityId = baseFacilityId, DivisionCode = divisionCode,
        Latitude = latitude, Longitude = longitude, Status = VehicleStatus.Available, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string CallSign { get; private set; } = "";
    public VehicleKind Kind { get; private set; }
    // Patients it carries at once: 1 for an ambulance, the seats of a bus.
    public int Seats { get; private set; }
    public Guid BaseFacilityId { get; private set; }
    // The base's division: the jurisdiction the vehicle belongs to.
    public string DivisionCode { get; private set; } = "";
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }
    public VehicleStatus Status { get; private set; }
    public Guid? RequestId { get; private set; }
    public DateTime? DisinfectedUntil { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsAvailable(DateTime nowUtc) => Status == VehicleStatus.Available
        || (Status == VehicleStatus.Disinfecting && DisinfectedUntil <= nowUtc);

    public VehicleStatus StatusAt(DateTime nowUtc) => Status == VehicleStatus.Disinfecting && DisinfectedUntil <= nowUtc ? VehicleStatus.Available : Status;

    public void MoveTo(double latitude, double longitude, DateTime nowUtc)
    {
        (Latitude, Longitude, UpdatedAt) = (latitude, longitude, nowUtc);
        Version++;
    }

    public void Advance(VehicleStatus status, DateTime nowUtc)
    {
        (Status, UpdatedAt) = (status, nowUtc);
        Version++;
    }

    // After every transfer: out of service until cleaned (洗消), then free again by itself.
    public void Disinfect(DateTime until, DateTime nowUtc)
    {
        (Status, RequestId, DisinfectedUntil, UpdatedAt) = (VehicleStatus.Disinfecting, null, until, nowUtc);
        Version++;
    }

    public void Release(DateTime nowUtc)
    {
        (Status, RequestId, UpdatedAt) = (VehicleStatus.Available, null, nowUtc);
        Version++;
    }

    public void TakeOffDuty(DateTime nowUtc) => Advance(VehicleStatus.OffDuty, nowUtc);

    public void ReturnToDuty(DateTime nowUtc) => Advance(VehicleStatus.Available, nowUtc);
}

using Fangkong.Web.Features.Treatment;

namespace Fangkong.Web.Features.Transport;

public enum TransportSource { Placement = 1, EmergencyCall = 2, GreenChannel = 3 }

// Served in this order (1 first), the placement classes of CareLevels.PriorityOf.
public enum TransportPriority { Critical = 1, Severe = 2, KeyPopulation = 3, Other = 4 }

public enum TransportStatus { Open = 1, Assigned = 2, EnRoute = 3, OnScene = 4, Transporting = 5, Delivered = 6, Cancelled = 7 }

// A call for transport: one patient, or for a bus a group of mild patients of one street going to
// one shelter hospital. TargetAt is when the vehicle should be on scene (the priority's target
// after creation); the request is overdue while no vehicle has arrived past it.
public sealed class TransportRequest
{
    private TransportRequest() { }

    public static TransportRequest Open(Guid id, TransportSource source, TransportPriority priority, Severity severity, bool hasRisk,
        IReadOnlyList<Guid> patientIds, int passengers, string pickupDivisionCode, double pickupLatitude, double pickupLongitude,
        Guid? destinationFacilityId, Guid? wardId, string? note, DateTime nowUtc, DateTime targetAt) => new()
    {
        Id = id, DistrictCode = pickupDivisionCode[..Math.Min(6, pickupDivisionCode.Length)], Source = source, Priority = priority,
        Severity = severity, HasRisk = hasRisk, PatientIds = string.Join(',', patientIds), Passengers = passengers,
        PickupDivisionCode = pickupDivisionCode, PickupLatitude = pickupLatitude, PickupLongitude = pickupLongitude,
        DestinationFacilityId = destinationFacilityId, WardId = wardId, Note = note, CreatedAt = nowUtc, TargetAt = targetAt,
        Status = TransportStatus.Open, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public TransportSource Source { get; private set; }
    public TransportPriority Priority { get; private set; }
    // The most severe of its patients, for the vehicle and the destination it needs.
    public Severity Severity { get; private set; }
    public bool HasRisk { get; private set; }
    // Comma-separated patient ids (empty for a call with no registered patient yet).
    public string PatientIds { get; private set; } = "";
    public int Passengers { get; private set; }
    public string PickupDivisionCode { get; private set; } = "";
    public double PickupLatitude { get; private set; }
    public double PickupLongitude { get; private set; }
    public Guid? DestinationFacilityId { get; private set; }
    // Set when placement reserved a bed for the patient(s).
    public Guid? WardId { get; private set; }
    public string? Note { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime TargetAt { get; private set; }
    public DateTime? AssignedAt { get; private set; }
    public DateTime? ArrivedAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public TransportStatus Status { get; private set; }
    public Guid? VehicleId { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<Guid> Patients => PatientIds.Length == 0 ? [] : [.. PatientIds.Split(',').Select(Guid.Parse)];

    public bool IsGroup => Passengers > 1;

    public bool IsOverdue(DateTime nowUtc) => Status is TransportStatus.Open or TransportStatus.Assigned or TransportStatus.EnRoute && nowUtc > TargetAt;

    // The bed held for the patient at dispatch (requests from placements carry theirs from approval).
    public void HoldBed(Guid wardId) => WardId = wardId;

    public void Assign(Guid vehicleId, Guid destinationFacilityId, DateTime nowUtc)
    {
        (VehicleId, DestinationFacilityId, AssignedAt) = (vehicleId, destinationFacilityId, nowUtc);
        Change(TransportStatus.Assigned, nowUtc);
    }

    public void Depart(DateTime nowUtc) => Change(TransportStatus.EnRoute, nowUtc);

    public void Arrive(DateTime nowUtc)
    {
        ArrivedAt = nowUtc;
        Change(TransportStatus.OnScene, nowUtc);
    }

    public void Load(DateTime nowUtc) => Change(TransportStatus.Transporting, nowUtc);

    public void Deliver(DateTime nowUtc)
    {
        DeliveredAt = nowUtc;
        Change(TransportStatus.Delivered, nowUtc);
    }

    public void Cancel(DateTime nowUtc) => Change(TransportStatus.Cancelled, nowUtc);

    private void Change(TransportStatus status, DateTime nowUtc)
    {
        (Status, UpdatedAt) = (status, nowUtc);
        Version++;
    }
}

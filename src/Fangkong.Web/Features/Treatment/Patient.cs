namespace Fangkong.Web.Features.Treatment;

public enum PatientStatus { Waiting = 1, Reserved = 2, Admitted = 3, AtHome = 4, Discharged = 5, Died = 6 }

// A positive person under treatment (one record per episode). Its state is what its events made
// it: PatientFlow changes it only together with the event and the wards' counts.
public sealed class Patient
{
    private Patient() { }

    public static Patient Register(Guid id, Guid personId, string divisionCode, string districtCode, Severity severity, bool age65Plus,
        bool chronicDisease, bool pregnant, DateTime detectedAt, DateTime nowUtc) => new()
    {
        Id = id, PersonId = personId, DivisionCode = divisionCode, DistrictCode = districtCode, Severity = severity, Age65Plus = age65Plus,
        ChronicDisease = chronicDisease, Pregnant = pregnant, DetectedAt = detectedAt, Status = PatientStatus.Waiting,
        WaitingSince = detectedAt, CreatedAt = nowUtc, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    // Residence: where transport picks the patient up.
    public string DivisionCode { get; private set; } = "";
    public Severity Severity { get; private set; }
    public bool Age65Plus { get; private set; }
    public bool ChronicDisease { get; private set; }
    public bool Pregnant { get; private set; }
    public PatientStatus Status { get; private set; }
    public Guid? WardId { get; private set; }
    public Guid? FacilityId { get; private set; }
    public DateTime DetectedAt { get; private set; }
    public DateTime WaitingSince { get; private set; }
    public DateTime? AdmittedAt { get; private set; }
    public DateTime? ExpectedDischarge { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool HasRisk => Age65Plus || ChronicDisease || Pregnant;
    public CarePathway Pathway => CareLevels.PathwayOf(Severity, HasRisk, asymptomaticAtHome: false);

    public void Reserve(Guid wardId, Guid facilityId, DateTime nowUtc) =>
        Change(PatientStatus.Reserved, wardId, facilityId, nowUtc);

    public void ReleaseReservation(DateTime nowUtc) => Change(PatientStatus.Waiting, null, null, nowUtc);

    public void Admit(Guid wardId, Guid facilityId, DateTime nowUtc, DateTime expectedDischarge)
    {
        Change(PatientStatus.Admitted, wardId, facilityId, nowUtc);
        AdmittedAt ??= nowUtc;
        ExpectedDischarge = expectedDischarge;
    }

    public void MoveTo(Guid wardId, Guid facilityId, DateTime nowUtc) => Change(PatientStatus.Admitted, wardId, facilityId, nowUtc);

    public void SendHome(DateTime nowUtc) => Change(PatientStatus.AtHome, null, null, nowUtc);

    public void Reassess(Severity severity, DateTime nowUtc)
    {
        Severity = severity;
        UpdatedAt = nowUtc;
        Version++;
    }

    public void Discharge(DateTime nowUtc)
    {
        Change(PatientStatus.Discharged, null, null, nowUtc);
        EndedAt = nowUtc;
    }

    public void Die(DateTime nowUtc)
    {
        Change(PatientStatus.Died, null, null, nowUtc);
        EndedAt = nowUtc;
    }

    private void Change(PatientStatus status, Guid? wardId, Guid? facilityId, DateTime nowUtc)
    {
        if (status == PatientStatus.Waiting && Status != PatientStatus.Waiting) WaitingSince = nowUtc;
        (Status, WardId, FacilityId, UpdatedAt) = (status, wardId, facilityId, nowUtc);
        Version++;
    }
}

public enum PatientEventKind
{
    Registered = 1, Reserved = 2, ReservationReleased = 3, Admitted = 4, Transferred = 5, SeverityChanged = 6,
    ReferredUp = 7, ReferredDown = 8, SentHome = 9, TestRecorded = 10, Discharged = 11, Died = 12,
}

// Append-only history of a patient; every bed count is the sum of these.
public sealed class PatientEvent
{
    private PatientEvent() { }

    public static PatientEvent Record(Guid id, Patient patient, PatientEventKind kind, Guid? fromWardId, Guid? toWardId, Guid? facilityId,
        string? note, string? by, DateTime nowUtc) => new()
    {
        Id = id, PatientId = patient.Id, DistrictCode = patient.DistrictCode, Kind = kind, FromWardId = fromWardId, ToWardId = toWardId,
        FacilityId = facilityId, Severity = patient.Severity, Note = note, By = by, At = nowUtc,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public PatientEventKind Kind { get; private set; }
    public Guid? FromWardId { get; private set; }
    public Guid? ToWardId { get; private set; }
    public Guid? FacilityId { get; private set; }
    public Severity Severity { get; private set; }
    public string? Note { get; private set; }
    public string? By { get; private set; }
    public DateTime At { get; private set; }
}

// A nucleic-acid or antigen result for an admitted patient; discharge rules read them.
public sealed class PatientTest
{
    private PatientTest() { }

    public static PatientTest Record(Guid id, Guid patientId, string districtCode, DateTime takenAt, bool positive, double? ctValue) => new()
    {
        Id = id, PatientId = patientId, DistrictCode = districtCode, TakenAt = takenAt, Positive = positive, CtValue = ctValue,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid PatientId { get; private set; }
    public DateTime TakenAt { get; private set; }
    public bool Positive { get; private set; }
    public double? CtValue { get; private set; }
}

// Discharge criteria, versioned: a rule is never edited, a new version is added and takes effect
// from its date; each discharge event names the version it met.
public sealed class DischargeRule
{
    private DischargeRule() { }

    public static DischargeRule Create(int version, int negativeTests, int hoursApart, int minimumDaysAdmitted, double? ctThreshold,
        DateTime effectiveFrom, string? createdBy) => new()
    {
        Version = version, NegativeTests = negativeTests, HoursApart = hoursApart, MinimumDaysAdmitted = minimumDaysAdmitted,
        CtThreshold = ctThreshold, EffectiveFrom = effectiveFrom, CreatedBy = createdBy,
    };

    public int Version { get; private set; }
    public int NegativeTests { get; private set; }
    public int HoursApart { get; private set; }
    public int MinimumDaysAdmitted { get; private set; }
    // A result counts as negative when not positive or, if set, its Ct value is at least this (Ct >= 35 in 2022's 9th edition).
    public double? CtThreshold { get; private set; }
    public DateTime EffectiveFrom { get; private set; }
    public string? CreatedBy { get; private set; }
}

// 一病例一方案: a severe or critical patient's plan, owned by a responsible team, reviewed on dates.
public sealed class CarePlan
{
    private CarePlan() { }

    public static CarePlan Start(Guid patientId, string districtCode, string team, string items, DateOnly nextReview, string? by, DateTime nowUtc) => new()
    {
        PatientId = patientId, DistrictCode = districtCode, Team = team, Items = items, NextReview = nextReview, UpdatedBy = by, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid PatientId { get; private set; }
    public string Team { get; private set; } = "";
    public string Items { get; private set; } = "";
    public DateOnly NextReview { get; private set; }
    public string? UpdatedBy { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Revise(string team, string items, DateOnly nextReview, string? by, DateTime nowUtc)
    {
        (Team, Items, NextReview, UpdatedBy, UpdatedAt) = (team, items, nextReview, by, nowUtc);
        Version++;
    }
}

namespace Fangkong.Web.Features.Community.KeyPopulations;

// One resident on the key-population register (重点人群档案), linked to the person register.
// Age bands come from the ID number's birth date (never typed); the risk grade is recomputed by
// RiskGrading whenever the record changes, and sets how often the resident is checked on.
public sealed class KeyResident
{
    private KeyResident() { }

    public static KeyResident Register(Guid id, Guid personId, string divisionCode, DateOnly birthDate, KeyResidentFacts facts, int grade,
        DateTime nextCheckInDue, DateTime nowUtc)
    {
        var resident = new KeyResident
        {
            Id = id, PersonId = personId, DivisionCode = divisionCode, DistrictCode = divisionCode[..Math.Min(6, divisionCode.Length)],
            BirthDate = birthDate, CreatedAt = nowUtc, Version = 1,
        };
        resident.Apply(facts, grade, nextCheckInDue, nowUtc);
        return resident;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    // Conditions as a ';'-separated list of ChronicConditions keys.
    public string Conditions { get; private set; } = "";
    public bool Pregnant { get; private set; }
    public bool Disabled { get; private set; }
    public bool LivingAlone { get; private set; }
    public int VaccineDoses { get; private set; }
    public DateOnly? LastDoseOn { get; private set; }
    public string? FamilyDoctor { get; private set; }
    public string? Worker { get; private set; }
    public int RiskGrade { get; private set; }
    public DateTime NextCheckInDue { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Revise(KeyResidentFacts facts, int grade, DateTime nextCheckInDue, DateTime nowUtc)
    {
        Apply(facts, grade, nextCheckInDue, nowUtc);
        Version++;
    }

    public void CheckedIn(DateTime nextDue, DateTime nowUtc)
    {
        (NextCheckInDue, UpdatedAt) = (nextDue, nowUtc);
        Version++;
    }

    private void Apply(KeyResidentFacts f, int grade, DateTime nextCheckInDue, DateTime nowUtc)
    {
        Conditions = string.Join(';', f.Conditions.Order(StringComparer.Ordinal));
        (Pregnant, Disabled, LivingAlone, VaccineDoses, LastDoseOn, FamilyDoctor, Worker) =
            (f.Pregnant, f.Disabled, f.LivingAlone, f.VaccineDoses, f.LastDoseOn, f.FamilyDoctor, f.Worker);
        (RiskGrade, NextCheckInDue, UpdatedAt) = (grade, nextCheckInDue, nowUtc);
    }
}

public sealed record KeyResidentFacts(IReadOnlyList<string> Conditions, bool Pregnant, bool Disabled, bool LivingAlone, int VaccineDoses,
    DateOnly? LastDoseOn, string? FamilyDoctor, string? Worker);

public enum CheckInMethod { Call = 1, Visit = 2 }

// A call or visit: temperature, oxygen saturation and symptoms; Escalated when it raised an alert.
public sealed class CheckIn
{
    private CheckIn() { }

    public static CheckIn Record(Guid id, KeyResident resident, CheckInMethod method, double? temperature, int? spo2, string? symptoms,
        bool severeSymptom, bool escalated, string? by, DateTime nowUtc) => new()
    {
        Id = id, KeyResidentId = resident.Id, DistrictCode = resident.DistrictCode, Method = method, Temperature = temperature, SpO2 = spo2,
        Symptoms = symptoms, SevereSymptom = severeSymptom, Escalated = escalated, By = by, At = nowUtc,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid KeyResidentId { get; private set; }
    public CheckInMethod Method { get; private set; }
    public double? Temperature { get; private set; }
    public int? SpO2 { get; private set; }
    public string? Symptoms { get; private set; }
    public bool SevereSymptom { get; private set; }
    public bool Escalated { get; private set; }
    public string? By { get; private set; }
    public DateTime At { get; private set; }
}

public enum AlertStatus { Open = 1, Sent = 2, Closed = 3 }

// A green-channel alert (绿色通道): raised by an escalation rule or by hand; "send" turns the
// resident into a prioritised patient with a transport request (and the dispatch holds a bed).
public sealed class GreenChannelAlert
{
    private GreenChannelAlert() { }

    public static GreenChannelAlert Raise(Guid id, KeyResident resident, Guid? checkInId, string reason, string? by, DateTime nowUtc) => new()
    {
        Id = id, KeyResidentId = resident.Id, DistrictCode = resident.DistrictCode, DivisionCode = resident.DivisionCode, CheckInId = checkInId,
        Reason = reason, RaisedBy = by, RaisedAt = nowUtc, Status = AlertStatus.Open, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid KeyResidentId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public Guid? CheckInId { get; private set; }
    public string Reason { get; private set; } = "";
    public string? RaisedBy { get; private set; }
    public DateTime RaisedAt { get; private set; }
    public AlertStatus Status { get; private set; }
    public Guid? PatientId { get; private set; }
    public Guid? TransportRequestId { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? ClosedNote { get; private set; }
    public int Version { get; private set; }

    public void Sent(Guid patientId, Guid requestId, DateTime nowUtc)
    {
        if (Status != AlertStatus.Open) throw new InvalidOperationException($"Alert {Id} is {Status}.");
        (Status, PatientId, TransportRequestId, SentAt) = (AlertStatus.Sent, patientId, requestId, nowUtc);
        Version++;
    }

    public void Close(string note)
    {
        (Status, ClosedNote) = (AlertStatus.Closed, note);
        Version++;
    }
}

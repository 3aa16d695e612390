using Fangkong.Core.Divisions;

namespace Fangkong.Web.Features.Investigation;

// 密接 (close contact of a case) and 次密接 (contact of a close contact).
public enum ContactKind { Close = 1, Secondary = 2 }

public enum QuarantineKind { Central = 1, Home = 2 }

public enum ContactStatus { Identified = 1, Quarantined = 2, Released = 3, TurnedPositive = 4, LostToFollowUp = 5 }

// A contact belongs to the investigation that found it: it lives in the case's district and is seen by
// whoever sees the case. Where the contact lives elsewhere, the investigator shares it explicitly with
// the residence's jurisdiction (audited), which then sees it too — never implicitly.
public sealed class Contact
{
    private Contact() { }

    public static Contact Identify(Guid id, Case source, Contact? via, Guid personId, string residenceDivisionCode, ContactKind kind,
        string exposure, DateTime lastExposureAt, string? by, DateTime nowUtc) => new()
    {
        Id = id, CaseId = source.Id, DistrictCode = source.DistrictCode, DivisionCode = source.DivisionCode, ViaContactId = via?.Id,
        PersonId = personId, ResidenceDivisionCode = residenceDivisionCode, Kind = kind, Exposure = exposure, LastExposureAt = lastExposureAt,
        Status = ContactStatus.Identified, IdentifiedAt = nowUtc, IdentifiedBy = by, UpdatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    // The case whose investigation found this contact (for a secondary contact: the close contact's case).
    public Guid CaseId { get; private set; }
    // The owning jurisdiction: the case's committee.
    public string DivisionCode { get; private set; } = "";
    public Guid? ViaContactId { get; private set; }
    public Guid PersonId { get; private set; }
    public string ResidenceDivisionCode { get; private set; } = "";
    public ContactKind Kind { get; private set; }
    public string Exposure { get; private set; } = "";
    public DateTime LastExposureAt { get; private set; }
    public ContactStatus Status { get; private set; }
    public DateTime IdentifiedAt { get; private set; }
    public string? IdentifiedBy { get; private set; }

    public QuarantineKind? QuarantineKind { get; private set; }
    public Guid? QuarantineFacilityId { get; private set; }
    public DateTime? QuarantineStart { get; private set; }
    public DateOnly? QuarantineEnd { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public Guid? ResultCaseId { get; private set; }

    // Shared with the residence's jurisdiction (when it lies outside the owner's district).
    public DateTime? SharedAt { get; private set; }
    public string? SharedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool UnderControl => Status is ContactStatus.Identified or ContactStatus.Quarantined;

    public void Quarantine(QuarantineKind kind, Guid? facilityId, DateTime start, DateOnly plannedEnd, DateTime nowUtc)
    {
        QuarantineKind = kind;
        QuarantineFacilityId = facilityId;
        QuarantineStart = start;
        QuarantineEnd = plannedEnd;
        Status = ContactStatus.Quarantined;
        Touch(nowUtc);
    }

    public void Release(DateTime nowUtc)
    {
        Status = ContactStatus.Released;
        EndedAt = nowUtc;
        Touch(nowUtc);
    }

    public void TurnedPositive(Guid caseId, DateTime nowUtc)
    {
        Status = ContactStatus.TurnedPositive;
        ResultCaseId = caseId;
        EndedAt = nowUtc;
        Touch(nowUtc);
    }

    public void Lost(DateTime nowUtc)
    {
        Status = ContactStatus.LostToFollowUp;
        EndedAt = nowUtc;
        Touch(nowUtc);
    }

    public void ShareWithResidence(string? by, DateTime nowUtc)
    {
        SharedAt = nowUtc;
        SharedBy = by;
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAt = nowUtc;
        Version++;
    }
}

public enum TestOutcome { Negative = 1, Positive = 2 }

// One day's follow-up of a quarantined contact (generated for every day of the quarantine when it
// starts): symptoms, temperature, the day's test if one was scheduled. Overdue when not done by its due time.
public sealed class FollowUp
{
    private FollowUp() { }

    public FollowUp(Guid id, Contact contact, DateOnly day, DateTime dueAt, bool testDue)
    {
        Id = id; ContactId = contact.Id; DistrictCode = contact.DistrictCode; DivisionCode = contact.DivisionCode;
        ResidenceDivisionCode = contact.ResidenceDivisionCode; Day = day; DueAt = dueAt; TestDue = testDue;
        SharedWithResidence = contact.SharedAt is not null;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid ContactId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    // The team that does the follow-up works where the contact lives: workload is counted there.
    public string ResidenceDivisionCode { get; private set; } = "";
    // A copy of the contact's share, so the residence's scope filter needs no join.
    public bool SharedWithResidence { get; private set; }
    public DateOnly Day { get; private set; }
    public DateTime DueAt { get; private set; }
    public bool TestDue { get; private set; }
    public DateTime? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }
    public bool? Symptoms { get; private set; }
    public string? SymptomNote { get; private set; }
    public decimal? Temperature { get; private set; }
    public TestOutcome? Test { get; private set; }
    public bool Cancelled { get; private set; }

    public bool IsOverdue(DateTime nowUtc) => DoneAt is null && !Cancelled && DueAt < nowUtc;

    public void Record(bool symptoms, string? note, decimal? temperature, TestOutcome? test, string? by, DateTime nowUtc)
    {
        Symptoms = symptoms;
        SymptomNote = note;
        Temperature = temperature;
        Test = test;
        DoneBy = by;
        DoneAt = nowUtc;
    }

    // The contact left quarantine (released, positive, lost): the remaining days are not owed.
    public void Cancel() => Cancelled = true;

    public void ShareWithResidence() => SharedWithResidence = true;
}

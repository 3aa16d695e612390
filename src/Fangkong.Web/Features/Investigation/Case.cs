using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Treatment;

namespace Fangkong.Web.Features.Investigation;

// Three of the four categories (四类人员) are case records at different certainty: a fever patient not
// yet ruled out, a suspected case, a confirmed case. The fourth, close contacts, are Contact records.
public enum CaseCategory { Fever = 1, Suspected = 2, Confirmed = 3 }

public enum CaseStatus { Active = 1, RuledOut = 2, Closed = 3 }

public enum InvestigationStatus { Assigned = 1, InProgress = 2, Completed = 3 }

// A case: a person under investigation, in the jurisdiction of where they live. Its place in a chain
// (infector, cluster, generation) is set when it is opened from a contact who turned positive, or
// later by the investigator when the source is found. Stage times drive the four-categories board
// ("应收尽收、应隔尽隔"): isolation is recorded here, admission is read from the treatment patient.
public sealed class Case
{
    private Case() { }

    public static Case Open(Guid id, string number, Guid personId, string divisionCode, CaseCategory category, Severity? severity,
        DateOnly? onset, DateTime detectedAt, DetectionRoute route, string? workDivisionCode, string? investigator, DateTime investigationDue, DateTime nowUtc)
    {
        var c = new Case
        {
            Id = id, Number = number, PersonId = personId, DivisionCode = divisionCode, DistrictCode = DivisionCodes.DistrictOf(divisionCode),
            Category = category, Severity = severity, OnsetDate = onset, DetectedAt = detectedAt, Route = route, WorkDivisionCode = workDivisionCode,
            Status = CaseStatus.Active, ClusterId = id, Generation = 1, Investigator = investigator, InvestigationDueAt = investigationDue,
            InvestigationStatus = InvestigationStatus.Assigned, CreatedAt = nowUtc, UpdatedAt = nowUtc, Version = 1,
        };
        if (category == CaseCategory.Confirmed) c.ConfirmedAt = detectedAt;
        return c;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Guid PersonId { get; private set; }
    // Residence committee: the case's jurisdiction and the area whose risk level it drives.
    public string DivisionCode { get; private set; } = "";
    public string? WorkDivisionCode { get; private set; }
    public CaseCategory Category { get; private set; }
    public Severity? Severity { get; private set; }
    public DateOnly? OnsetDate { get; private set; }
    public DateTime DetectedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public DetectionRoute Route { get; private set; }
    public CaseStatus Status { get; private set; }

    // The chain: who infected this case (null = not yet known), the cluster (the root case's id) and
    // the generation within it (the root is 1).
    public Guid? InfectorCaseId { get; private set; }
    public Guid ClusterId { get; private set; }
    public int Generation { get; private set; }
    // A source named without an infector case in the platform (e.g. imported, cold-chain): known, but outside the chain.
    public string? SourceNote { get; private set; }
    public bool SourceKnown => InfectorCaseId is not null || SourceNote is not null;

    public string? Investigator { get; private set; }
    public DateTime InvestigationDueAt { get; private set; }
    public InvestigationStatus InvestigationStatus { get; private set; }
    public DateTime? InvestigationCompletedAt { get; private set; }
    public string? Summary { get; private set; }

    public DateTime? IsolatedAt { get; private set; }
    public Guid? PatientId { get; private set; }
    public DateTime? EndedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status == CaseStatus.Active;

    // Infected by `infector`: joins the infector's cluster one generation down. Callers refuse cycles.
    public void InfectedBy(Case infector, DateTime nowUtc) => InfectedBy(infector.Id, infector.ClusterId, infector.Generation, nowUtc);

    // The infector may live in another district: only its link fields are needed.
    public void InfectedBy(Guid infectorId, Guid infectorClusterId, int infectorGeneration, DateTime nowUtc)
    {
        InfectorCaseId = infectorId;
        SourceNote = null;
        ClusterId = infectorClusterId;
        Generation = infectorGeneration + 1;
        Touch(nowUtc);
    }

    public void SourceFound(string note, DateTime nowUtc)
    {
        SourceNote = note;
        Touch(nowUtc);
    }

    // A descendant's chain position follows its infector's when the infector is re-linked.
    internal void Rechain(Guid clusterId, int generation, DateTime nowUtc)
    {
        ClusterId = clusterId;
        Generation = generation;
        Touch(nowUtc);
    }

    public void Assign(string investigator, DateTime dueAt, DateTime nowUtc)
    {
        Investigator = investigator;
        InvestigationDueAt = dueAt;
        Touch(nowUtc);
    }

    public void InvestigationProgressed(DateTime nowUtc)
    {
        if (InvestigationStatus == InvestigationStatus.Assigned) InvestigationStatus = InvestigationStatus.InProgress;
        Touch(nowUtc);
    }

    public void CompleteInvestigation(string summary, DateTime nowUtc)
    {
        InvestigationStatus = InvestigationStatus.Completed;
        InvestigationCompletedAt = nowUtc;
        Summary = summary;
        Touch(nowUtc);
    }

    public void Confirm(Severity severity, DateTime nowUtc)
    {
        Category = CaseCategory.Confirmed;
        Severity = severity;
        ConfirmedAt ??= nowUtc;
        Touch(nowUtc);
    }


    public void RuleOut(DateTime nowUtc)
    {
        Status = CaseStatus.RuledOut;
        EndedAt = nowUtc;
        Touch(nowUtc);
    }

    public void Isolate(DateTime atUtc, DateTime nowUtc)
    {
        IsolatedAt ??= atUtc;
        Touch(nowUtc);
    }

    public void HandedOver(Guid patientId, DateTime nowUtc)
    {
        PatientId = patientId;
        Touch(nowUtc);
    }


    public void Close(DateTime nowUtc)
    {
        Status = CaseStatus.Closed;
        EndedAt = nowUtc;
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAt = nowUtc;
        Version++;
    }
}

public enum ExposureKind { Visit = 1, Exposure = 2 }

// 流调 findings: a place and time the case visited while infectious, or an exposure that may explain
// the infection. Lives with its case (same district, reached only through the case).
public sealed class CaseExposure
{
    private CaseExposure() { }

    public CaseExposure(Guid id, Case owner, ExposureKind kind, string place, string? placeDivisionCode, DateTime from, DateTime to, string? note, string? by, DateTime nowUtc)
    {
        Id = id; CaseId = owner.Id; DistrictCode = owner.DistrictCode; DivisionCode = owner.DivisionCode; Kind = kind; Place = place;
        PlaceDivisionCode = placeDivisionCode; From = from; To = to; Note = note; By = by; RecordedAt = nowUtc;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public ExposureKind Kind { get; private set; }
    public string Place { get; private set; } = "";
    public string? PlaceDivisionCode { get; private set; }
    public DateTime From { get; private set; }
    public DateTime To { get; private set; }
    public string? Note { get; private set; }
    public string? By { get; private set; }
    public DateTime RecordedAt { get; private set; }
}

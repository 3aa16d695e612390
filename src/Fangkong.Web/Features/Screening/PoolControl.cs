using Fangkong.Core.Divisions;

namespace Fangkong.Web.Features.Screening;

public enum ControlStatus { AwaitingRetest, Cleared, Positive }

// A member of a positive pool, or a positive individual, under control (管控): "pool positive, awaiting
// individual retest" until the retest's result. Kept by the member's committee, so the community sees
// whom to visit; the ID number links to the health status even before the person is in People.
public sealed class PoolControl
{
    private PoolControl() { }

    public static PoolControl AwaitRetest(Guid id, int roundId, string poolCode, string retestCode, string idNumber, Guid? personId,
        string committeeCode, DateTime since) => new()
    {
        Id = id,
        DistrictCode = DivisionCodes.DistrictOf(committeeCode),
        RoundId = roundId,
        PoolCode = poolCode,
        RetestCode = retestCode,
        IdNumber = idNumber,
        PersonId = personId,
        CommitteeCode = committeeCode,
        Status = ControlStatus.AwaitingRetest,
        Since = since,
        Version = 1,
    };

    // A 1-in-1 tube that came back positive needs no retest: the person is positive at once.
    public static PoolControl PositiveIndividual(Guid id, int roundId, string tubeCode, string idNumber, Guid? personId, string committeeCode, DateTime at) => new()
    {
        Id = id,
        DistrictCode = DivisionCodes.DistrictOf(committeeCode),
        RoundId = roundId,
        PoolCode = tubeCode,
        IdNumber = idNumber,
        PersonId = personId,
        CommitteeCode = committeeCode,
        Status = ControlStatus.Positive,
        Since = at,
        ResolvedAt = at,
        Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public int RoundId { get; private set; }
    public string PoolCode { get; private set; } = "";
    public string? RetestCode { get; private set; }
    public string IdNumber { get; private set; } = "";
    public Guid? PersonId { get; private set; }
    public string CommitteeCode { get; private set; } = "";
    public ControlStatus Status { get; private set; }
    public DateTime Since { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public Guid? CaseId { get; private set; }
    // Why the investigation module has no case for a positive (e.g. its intake is not installed), so a
    // positive never silently falls between modules.
    public string? IntakeNote { get; private set; }
    public int Version { get; private set; }

    public void ClearAfterNegativeRetest(DateTime at)
    {
        if (Status != ControlStatus.AwaitingRetest) throw new InvalidOperationException("Only a member awaiting retest can be cleared.");
        Status = ControlStatus.Cleared;
        ResolvedAt = at;
        Version++;
    }

    public void ConfirmPositiveRetest(DateTime at)
    {
        if (Status != ControlStatus.AwaitingRetest) throw new InvalidOperationException("Only a member awaiting retest can turn positive.");
        Status = ControlStatus.Positive;
        ResolvedAt = at;
        Version++;
    }

    public void LinkPerson(Guid personId) => PersonId ??= personId;

    public void HandedToInvestigation(Guid caseId)
    {
        CaseId = caseId;
        IntakeNote = null;
        Version++;
    }

    public void IntakeFailed(string note)
    {
        IntakeNote = note.Length > 300 ? note[..300] : note;
        Version++;
    }
}

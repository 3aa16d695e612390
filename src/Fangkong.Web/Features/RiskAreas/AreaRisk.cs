using System.Text.Json;
using Fangkong.Core.Divisions;
using Fangkong.Epidemiology.AreaRisk;

namespace Fangkong.Web.Features.RiskAreas;

// A versioned rule set: a new version takes effect from its date; earlier days keep the version they
// were computed with (each level row records it).
public sealed class AreaRiskRuleSetVersion
{
    private AreaRiskRuleSetVersion() { }

    public AreaRiskRuleSetVersion(int version, AreaRiskRuleSet rules, DateOnly effectiveFrom, string? by, DateTime nowUtc)
    {
        Version = version;
        Name = rules.Name;
        RulesJson = JsonSerializer.Serialize(rules with { Version = version });
        EffectiveFrom = effectiveFrom;
        CreatedBy = by;
        CreatedAt = nowUtc;
    }

    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public string RulesJson { get; private set; } = "";
    public DateOnly EffectiveFrom { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public AreaRiskRuleSet Rules => JsonSerializer.Deserialize<AreaRiskRuleSet>(RulesJson)!;
}

public enum LevelSource { Rule = 1, Override = 2 }

// One period of one area at one level: the history of transitions is these rows in order; the current
// level is the row without an end.
public sealed class AreaRiskLevel
{
    private AreaRiskLevel() { }

    public AreaRiskLevel(Guid id, string divisionCode, string level, DateOnly from, LevelSource source, int ruleVersion, DateOnly? lastCaseDay,
        Guid? overrideId, DateTime nowUtc)
    {
        Id = id; DivisionCode = divisionCode; DistrictCode = DivisionCodes.DistrictOf(divisionCode); Level = level; From = from; Source = source;
        RuleVersion = ruleVersion; LastCaseDay = lastCaseDay; OverrideId = overrideId; ComputedAt = nowUtc;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string Level { get; private set; } = "";
    public DateOnly From { get; private set; }
    // Exclusive: the first day at the next level. Null while current.
    public DateOnly? Until { get; private set; }
    public LevelSource Source { get; private set; }
    public int RuleVersion { get; private set; }
    public DateOnly? LastCaseDay { get; private set; }
    public Guid? OverrideId { get; private set; }
    public DateTime ComputedAt { get; private set; }

    public void End(DateOnly day) => Until = day;

    // A later period recomputed away on its first day: this one continues.
    public void Reopen() => Until = null;

    // Same level, newer evidence (a later last case): kept on the current row, not a transition.
    public void Refresh(DateOnly? lastCaseDay, int ruleVersion, DateTime nowUtc)
    {
        LastCaseDay = lastCaseDay;
        RuleVersion = ruleVersion;
        ComputedAt = nowUtc;
    }
}

public enum OverrideStatus { Requested = 1, Approved = 2, Rejected = 3, Ended = 4 }

// A manual level for an area (e.g. seal a compound's committee ahead of the rule, or keep it sealed
// while a cluster is still open): requested with a reason, approved by a different person, effective
// between its dates, and always audited.
public sealed class AreaRiskOverride
{
    private AreaRiskOverride() { }

    public AreaRiskOverride(Guid id, string divisionCode, string level, string reason, DateOnly from, DateOnly? until, string? by, DateTime nowUtc)
    {
        Id = id; DivisionCode = divisionCode; DistrictCode = DivisionCodes.DistrictOf(divisionCode); Level = level; Reason = reason; From = from;
        Until = until; RequestedBy = by; RequestedAt = nowUtc; Status = OverrideStatus.Requested; Version = 1;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string Level { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateOnly From { get; private set; }
    // Exclusive; null = until ended by hand.
    public DateOnly? Until { get; private set; }
    public OverrideStatus Status { get; private set; }
    public string? RequestedBy { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public int Version { get; private set; }

    public bool AppliesOn(DateOnly day) => Status == OverrideStatus.Approved && From <= day && (Until is null || day < Until);

    public void Approve(string? by, string? note, DateTime nowUtc) => Decide(OverrideStatus.Approved, by, note, nowUtc);

    public void Reject(string? by, string? note, DateTime nowUtc) => Decide(OverrideStatus.Rejected, by, note, nowUtc);

    public void EndOn(DateOnly day, string? by, DateTime nowUtc)
    {
        Until = day;
        Status = OverrideStatus.Ended;
        DecidedBy = by;
        DecidedAt = nowUtc;
        Version++;
    }

    private void Decide(OverrideStatus status, string? by, string? note, DateTime nowUtc)
    {
        Status = status;
        DecidedBy = by;
        DecidedAt = nowUtc;
        DecisionNote = note;
        Version++;
    }
}

using Fangkong.Core.Divisions;
using Fangkong.Epidemiology.AreaRisk;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.RiskAreas;

public sealed record ComputeResult(DateOnly Day, int RuleVersion, int Areas, int Changed, IReadOnlyDictionary<string, int> ByLevel);

public sealed record AreaLevelView(string DivisionCode, string? Name, string? StreetName, string? DistrictName, string Level, string LevelName,
    string Colour, DateOnly From, LevelSource Source, DateOnly? LastCaseDay, int RuleVersion);

public sealed record TransitionView(string Level, string LevelName, DateOnly From, DateOnly? Until, LevelSource Source, int RuleVersion, DateOnly? LastCaseDay,
    string? OverrideReason);

public sealed record OverrideInput(string? DivisionCode, string? Level, string? Reason, DateOnly? From, DateOnly? Until);

public sealed record DecisionInput(string? Note);

public sealed record OverrideView(Guid Id, string DivisionCode, string? Name, string Level, string LevelName, string Reason, DateOnly From, DateOnly? Until,
    OverrideStatus Status, string? RequestedBy, DateTime RequestedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, int Version);

public sealed record DistrictRiskCount(string DistrictCode, string? Name, IReadOnlyDictionary<string, int> ByLevel);

// Area risk levels: computed for every residents' committee from the cases by the rule set in force
// (versioned), with manual overrides (reason, approval by someone else, effective dates, audit) taking
// precedence; only transitions are written, so the rows of an area are its history.
public sealed class AreaRiskService(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock, IServiceProvider services)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<AreaRiskRuleSetVersion> RulesInForceAsync(DateOnly day, CancellationToken ct)
    {
        var rules = await db.AreaRiskRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= day).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (rules is not null) return rules;
        // No rule set yet: the first computation starts from Shanghai 2022 (any later version replaces it).
        var first = new AreaRiskRuleSetVersion(1, AreaRiskRuleSet.Shanghai2022, new DateOnly(2000, 1, 1), "system", Now);
        db.AreaRiskRuleSets.Add(first);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(first).State = EntityState.Detached; }
        return await db.AreaRiskRuleSets.AsNoTracking().Where(r => r.EffectiveFrom <= day).OrderByDescending(r => r.Version).FirstAsync(ct);
    }

    public async Task<IReadOnlyList<AreaRiskRuleSetVersion>> RuleSetsAsync(CancellationToken ct) =>
        await db.AreaRiskRuleSets.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct);

    public async Task<WriteOutcome<AreaRiskRuleSetVersion>> PublishRulesAsync(AreaRiskRuleSet? rules, DateOnly? effectiveFrom, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (rules is null) return new WriteOutcome<AreaRiskRuleSetVersion>.Invalid(errors.Add("rules", "必填 / required"));
        foreach (var problem in rules.Problems()) errors.Add(problem.Split(':')[0], problem);
        var from = effectiveFrom ?? Today;
        if (from < Today) errors.Add("effectiveFrom", "不能追溯生效 / cannot take effect in the past");
        if (errors.Any) return new WriteOutcome<AreaRiskRuleSetVersion>.Invalid(errors);
        await RulesInForceAsync(Today, ct);
        var version = await db.AreaRiskRuleSets.MaxAsync(r => r.Version, ct) + 1;
        var record = new AreaRiskRuleSetVersion(version, rules!, from, user.UserName, Now);
        db.AreaRiskRuleSets.Add(record);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("riskAreas.rules", AuditOutcome.Success, "riskRuleSet", version.ToString(), $"{rules!.Name} from {from:yyyy-MM-dd}"), ct);
        return new WriteOutcome<AreaRiskRuleSetVersion>.Done(record);
    }

    // The day's levels for every committee under `division` (the whole platform when null). Idempotent:
    // re-running a day changes only what the data changed. A level is derived from all of a committee's
    // cases, overrides and compounds, whoever asks: the computation is a system job. When a user's request
    // triggers it (the compute button — its endpoint checks the division is in the caller's scope — or a
    // confirmed case moving its residence's committee today) it runs in a DI scope of its own with the system's jurisdiction —
    // never switching the scope filter off on the request's context — and answers only counts.
    public async Task<ComputeResult> ComputeAsync(DateOnly day, string? division, CancellationToken ct)
    {
        if (db.Jurisdiction.Everything) return await ComputeAsSystemAsync(day, division, user.Actor, ct);
        var actor = user.Actor;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        return await scope.ServiceProvider.GetRequiredService<AreaRiskService>().ComputeAsSystemAsync(day, division, actor, ct);
    }

    private async Task<ComputeResult> ComputeAsSystemAsync(DateOnly day, string? division, AuditActor actor, CancellationToken ct)
    {
        var ruleRecord = await RulesInForceAsync(day, ct);
        var rules = ruleRecord.Rules;
        var prefix = division ?? "";
        var committees = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Committee && d.Code.StartsWith(prefix))
            .Select(d => d.Code).ToListAsync(ct);
        var window = rules.Levels.Count == 0 ? 1 : rules.Levels.Max(l => l.WithinDays);
        var since = ChinaTime.ToUtc(day.AddDays(-window + 1).ToDateTime(TimeOnly.MinValue));
        var until = ChinaTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var caseDays = (await db.Cases.AsNoTracking()
                .Where(c => c.Category == CaseCategory.Confirmed && c.ConfirmedAt >= since && c.ConfirmedAt < until && c.DivisionCode.StartsWith(prefix))
                .Select(c => new { c.DivisionCode, c.ConfirmedAt }).ToListAsync(ct))
            .GroupBy(c => c.DivisionCode)
            .ToDictionary(g => g.Key, g => g.Select(c => day.DayNumber - DateOnly.FromDateTime(ChinaTime.FromUtc(c.ConfirmedAt!.Value)).DayNumber).ToList());
        var overrides = (await db.AreaRiskOverrides.AsNoTracking()
                .Where(o => o.Status == OverrideStatus.Approved && o.DivisionCode.StartsWith(prefix)).ToListAsync(ct))
            .Where(o => o.AppliesOn(day)).GroupBy(o => o.DivisionCode)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => AreaRiskClassifier.Rank(rules, o.Level)).First());
        var current = await db.AreaRiskLevels.Where(l => l.Until == null && l.DivisionCode.StartsWith(prefix)).ToDictionaryAsync(l => l.DivisionCode, ct);

        var changedAreas = new List<string>();
        var nowTop = new List<string>();
        var leftTop = new List<string>();
        var byLevel = new Dictionary<string, int>();
        // Only entering or leaving the top level changes anything downstream (compounds, colours).
        void Track(string code, string? wasLevel, string level)
        {
            var isTop = AreaRiskClassifier.Rank(rules, level) == 0;
            var wasTop = wasLevel is not null && AreaRiskClassifier.Rank(rules, wasLevel) == 0;
            if (isTop && !wasTop) nowTop.Add(code);
            else if (wasTop && !isTop) leftTop.Add(code);
        }
        foreach (var code in committees)
        {
            var days = caseDays.GetValueOrDefault(code) ?? [];
            var lastCase = days.Count == 0 ? (DateOnly?)null : day.AddDays(-days.Min());
            var (level, source, overrideId) = overrides.TryGetValue(code, out var o)
                ? (o.Level, LevelSource.Override, (Guid?)o.Id)
                : (AreaRiskClassifier.Classify(rules, days), LevelSource.Rule, null);
            byLevel[level] = byLevel.GetValueOrDefault(level) + 1;
            string? wasLevel = null;
            if (current.TryGetValue(code, out var now))
            {
                wasLevel = now.Level;
                if (now.Level == level && now.Source == source && now.OverrideId == overrideId)
                {
                    if (now.LastCaseDay != lastCase) now.Refresh(lastCase, ruleRecord.Version, Now);
                    continue;
                }
                if (now.From >= day)
                {
                    // Recomputed on the day it began: the period never really started.
                    db.AreaRiskLevels.Remove(now);
                    var previous = await db.AreaRiskLevels.FirstOrDefaultAsync(l => l.DivisionCode == code && l.Until == now.From, ct);
                    if (previous is not null && previous.Level == level && previous.Source == source && previous.OverrideId == overrideId)
                    {
                        previous.Reopen();
                        changedAreas.Add(code);
                        Track(code, wasLevel, level);
                        continue;
                    }
                    previous?.End(day);
                }
                else now.End(day);
            }
            db.AreaRiskLevels.Add(new AreaRiskLevel(Guid.CreateVersion7(), code, level, day, source, ruleRecord.Version, lastCase, overrideId, Now));
            changedAreas.Add(code);
            Track(code, wasLevel, level);
        }
        await LockDownCompoundsAsync(nowTop, leftTop, ct);
        await db.SaveChangesAsync(ct);
        if (changedAreas.Count > 0)
            await audit.AppendAsync(actor, new AuditEvent("riskAreas.compute", AuditOutcome.Success, "riskAreas", prefix == "" ? "all" : prefix,
                $"{day:yyyy-MM-dd} v{ruleRecord.Version} changed={changedAreas.Count}"), ct);
        await NotifyResidentsAsync([.. nowTop, .. leftTop], ct);
        return new ComputeResult(day, ruleRecord.Version, committees.Count, changedAreas.Count, byLevel);
    }

    public const string LockdownByRiskLevel = "风险等级 / risk level";

    // Compounds follow their committee into the top level (封控区): sealed by the rule, and lifted by it
    // when the committee leaves — a compound a worker sealed by hand stays sealed until lifted by hand.
    private async Task LockDownCompoundsAsync(List<string> sealedAreas, List<string> releasedAreas, CancellationToken ct)
    {
        foreach (var chunk in sealedAreas.Chunk(500))
            foreach (var compound in await db.CommunityQrCodes.Where(q => chunk.Contains(q.DivisionCode)).ToListAsync(ct))
                compound.Seal(LockdownByRiskLevel, Now);
        foreach (var chunk in releasedAreas.Chunk(500))
            foreach (var compound in await db.CommunityQrCodes.Where(q => chunk.Contains(q.DivisionCode) && q.LockdownBy == LockdownByRiskLevel).ToListAsync(ct))
                compound.Lift(LockdownByRiskLevel, Now);
    }

    // Residents of areas that entered or left the top level: their colour may have changed.
    private async Task NotifyResidentsAsync(List<string> areas, CancellationToken ct)
    {
        if (areas.Count == 0 || services.GetService<IHealthStatusChanges>() is not { } changes) return;
        foreach (var chunk in areas.Chunk(200))
        {
            var people = await db.People.AsNoTracking().Where(p => chunk.Contains(p.DivisionCode)).Select(p => p.Id).ToListAsync(ct);
            if (people.Count > 0) await changes.PeopleChangedAsync(people, ct);
        }
    }

    public async Task<IReadOnlyList<AreaLevelView>> CurrentAsync(string division, string? level, CancellationToken ct)
    {
        var rules = (await RulesInForceAsync(Today, ct)).Rules;
        var q = db.AreaRiskLevels.AsNoTracking().Where(l => l.Until == null && l.DivisionCode.StartsWith(division));
        if (!string.IsNullOrWhiteSpace(level)) q = q.Where(l => l.Level == level);
        var rows = await q.OrderBy(l => l.DivisionCode).Take(20_000).ToListAsync(ct);
        return await CurrentViewsAsync(rows, rules, ct);
    }

    internal async Task<List<AreaLevelView>> CurrentViewsAsync(List<AreaRiskLevel> rows, AreaRiskRuleSet rules, CancellationToken ct)
    {
        var codes = rows.SelectMany(r => new[] { r.DivisionCode, r.DivisionCode[..9], r.DivisionCode[..6] }).Distinct().ToList();
        var names = new Dictionary<string, string>();
        foreach (var chunk in codes.Chunk(1000))
            foreach (var d in await db.Divisions.AsNoTracking().Where(d => chunk.Contains(d.Code)).Select(d => new { d.Code, d.Name }).ToListAsync(ct))
                names[d.Code] = d.Name;
        return rows.Select(r =>
        {
            var (name, colour) = Describe(rules, r.Level);
            return new AreaLevelView(r.DivisionCode, names.GetValueOrDefault(r.DivisionCode), names.GetValueOrDefault(r.DivisionCode[..9]),
                names.GetValueOrDefault(r.DivisionCode[..6]), r.Level, name, colour, r.From, r.Source, r.LastCaseDay, r.RuleVersion);
        }).ToList();
    }

    // The level's name in the reader's language: the rule set carries Chinese and English names.
    public static (string Name, string Colour) Describe(AreaRiskRuleSet rules, string code)
    {
        var english = Platform.Localization.UiText.CurrentLanguage == "en";
        var level = rules.Levels.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));
        return level is not null ? (english ? level.EnName : level.ZhName, level.Colour)
            : string.Equals(code, rules.DefaultCode, StringComparison.OrdinalIgnoreCase) ? (english ? rules.DefaultEnName : rules.DefaultZhName, rules.DefaultColour) : (code, "#888888");
    }

    public async Task<IReadOnlyList<TransitionView>> HistoryAsync(string divisionCode, CancellationToken ct)
    {
        var rules = (await RulesInForceAsync(Today, ct)).Rules;
        var rows = await db.AreaRiskLevels.AsNoTracking().Where(l => l.DivisionCode == divisionCode).OrderByDescending(l => l.From).ToListAsync(ct);
        var overrideIds = rows.Where(r => r.OverrideId != null).Select(r => r.OverrideId!.Value).ToList();
        var reasons = await db.AreaRiskOverrides.AsNoTracking().Where(o => overrideIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Reason, ct);
        return rows.Select(r => new TransitionView(r.Level, Describe(rules, r.Level).Name, r.From, r.Until, r.Source, r.RuleVersion, r.LastCaseDay,
            r.OverrideId is { } id ? reasons.GetValueOrDefault(id) : null)).ToList();
    }

    public async Task<IReadOnlyList<DistrictRiskCount>> ByDistrictAsync(string division, CancellationToken ct)
    {
        var length = DivisionCodes.ChildLength(division);
        var rows = await db.AreaRiskLevels.AsNoTracking().Where(l => l.Until == null && l.DivisionCode.StartsWith(division))
            .GroupBy(l => new { Code = l.DivisionCode.Substring(0, length), l.Level }).Select(g => new { g.Key.Code, g.Key.Level, Count = g.Count() }).ToListAsync(ct);
        var codes = rows.Select(r => r.Code).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return rows.GroupBy(r => r.Code).Select(g => new DistrictRiskCount(g.Key, names.GetValueOrDefault(g.Key), g.ToDictionary(r => r.Level, r => r.Count)))
            .OrderBy(r => r.DistrictCode).ToList();
    }

    public async Task<WriteOutcome<OverrideView>> RequestOverrideAsync(OverrideInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var rules = (await RulesInForceAsync(Today, ct)).Rules;
        var code = input.DivisionCode?.Trim() ?? "";
        if (code.Length != 12 || !DivisionCodes.IsWellFormed(code)) errors.Add("divisionCode", "须为 12 位居委会代码 / must be a 12-digit committee code");
        else if (!await db.Divisions.AnyAsync(d => d.Code == code, ct)) errors.Add("divisionCode", "区划不存在 / unknown division");
        var level = input.Level?.Trim() ?? "";
        var known = rules.Levels.Select(l => l.Code).Append(rules.DefaultCode).ToList();
        if (!known.Contains(level, StringComparer.Ordinal)) errors.Add("level", $"可选 {string.Join("、", known)} / one of {string.Join(", ", known)}");
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length < 4) errors.Add("reason", "须说明理由（至少 4 字）/ a reason is required (at least 4 characters)");
        else if (reason.Length > 500) errors.Add("reason", "最长 500 字 / at most 500 characters");
        var from = input.From ?? Today;
        if (from < Today) errors.Add("from", "不能追溯生效 / cannot take effect in the past");
        if (input.Until is { } u && u <= from) errors.Add("until", "须晚于开始日期 / must be after the start");
        if (errors.Any) return new WriteOutcome<OverrideView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(code))
            return new WriteOutcome<OverrideView>.Forbidden(new FieldErrors().Add("divisionCode", "不在您的管辖范围内 / outside your jurisdiction"));
        var o = new AreaRiskOverride(Guid.CreateVersion7(), code, level, reason, from, input.Until, user.UserName, Now);
        db.AreaRiskOverrides.Add(o);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("riskAreas.override.request", AuditOutcome.Success, "riskOverride", o.Id.ToString(), $"{code} → {level}"), ct);
        return new WriteOutcome<OverrideView>.Done((await OverrideViewsAsync([o], rules, ct))[0]);
    }

    public Task<WriteOutcome<OverrideView>> ApproveAsync(Guid id, int version, DecisionInput input, CancellationToken ct) =>
        DecideAsync(id, version, "approve", (o, errors) =>
        {
            if (o.Status != OverrideStatus.Requested) errors.Add("status", "不是待审批状态 / not awaiting approval");
            else if (string.Equals(o.RequestedBy, user.UserName, StringComparison.OrdinalIgnoreCase))
                errors.Add("approver", "申请人不能审批自己的申请 / the requester cannot approve their own request");
            if (!errors.Any) o.Approve(user.UserName, Trim(input.Note), Now);
        }, ct);

    public Task<WriteOutcome<OverrideView>> RejectAsync(Guid id, int version, DecisionInput input, CancellationToken ct) =>
        DecideAsync(id, version, "reject", (o, errors) =>
        {
            if (o.Status != OverrideStatus.Requested) errors.Add("status", "不是待审批状态 / not awaiting approval");
            if (string.IsNullOrWhiteSpace(input.Note)) errors.Add("note", "驳回须说明理由 / a rejection needs a reason");
            if (!errors.Any) o.Reject(user.UserName, Trim(input.Note), Now);
        }, ct);

    public Task<WriteOutcome<OverrideView>> EndAsync(Guid id, int version, CancellationToken ct) =>
        DecideAsync(id, version, "end", (o, errors) =>
        {
            if (o.Status != OverrideStatus.Approved) errors.Add("status", "仅已批准的可结束 / only an approved override can be ended");
            if (!errors.Any) o.EndOn(Today, user.UserName, Now);
        }, ct);

    private async Task<WriteOutcome<OverrideView>> DecideAsync(Guid id, int version, string action, Action<AreaRiskOverride, FieldErrors> step, CancellationToken ct)
    {
        var o = await db.AreaRiskOverrides.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return new WriteOutcome<OverrideView>.NotFound();
        if (o.Version != version) return new WriteOutcome<OverrideView>.Stale(o.Version);
        var errors = new FieldErrors();
        step(o, errors);
        if (errors.Any) return new WriteOutcome<OverrideView>.Invalid(errors);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<OverrideView>.Stale(await db.AreaRiskOverrides.AsNoTracking().Where(x => x.Id == id).Select(x => x.Version).FirstAsync(ct));
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("riskAreas.override." + action, AuditOutcome.Success, "riskOverride", o.Id.ToString(),
            $"{o.DivisionCode} {o.Level} {o.Status}"), ct);
        // The decision shows on today's map at once, not at the next daily run.
        await ComputeAsync(Today, o.DivisionCode, ct);
        var rules = (await RulesInForceAsync(Today, ct)).Rules;
        return new WriteOutcome<OverrideView>.Done((await OverrideViewsAsync([o], rules, ct))[0]);
    }

    public async Task<IReadOnlyList<OverrideView>> OverridesAsync(string division, CancellationToken ct)
    {
        var rules = (await RulesInForceAsync(Today, ct)).Rules;
        var rows = await db.AreaRiskOverrides.AsNoTracking().Where(o => o.DivisionCode.StartsWith(division))
            .OrderBy(o => o.Status).ThenByDescending(o => o.RequestedAt).Take(500).ToListAsync(ct);
        return await OverrideViewsAsync(rows, rules, ct);
    }

    private async Task<List<OverrideView>> OverrideViewsAsync(List<AreaRiskOverride> rows, AreaRiskRuleSet rules, CancellationToken ct)
    {
        var codes = rows.Select(r => r.DivisionCode).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return rows.Select(o => new OverrideView(o.Id, o.DivisionCode, names.GetValueOrDefault(o.DivisionCode), o.Level, Describe(rules, o.Level).Name, o.Reason,
            o.From, o.Until, o.Status, o.RequestedBy, o.RequestedAt, o.DecidedBy, o.DecidedAt, o.DecisionNote, o.Version)).ToList();
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim()[..Math.Min(s.Trim().Length, 500)];
}

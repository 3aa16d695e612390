using System.Globalization;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Screening;

// What follows a result: a positive pool puts each member under control ("pool positive, awaiting
// individual retest") and schedules a 1-in-1 retest tube for each; a positive retest or a positive
// individual tube is a positive person, reported to the investigation module; a negative retest
// clears the member. Called inside the results transaction; the case intake runs after commit.
public sealed class PositivePools(FangkongDb db, PeopleRegistry people, CurrentUser user, AuditLog audit, IServiceProvider services, ILogger<PositivePools> logger)
{
    public sealed record Followed(List<PoolControl> ToReport, HashSet<Guid> Changed, int Pools, int Retests);

    public async Task<Followed> FollowAsync(IReadOnlyList<Tube> resulted, DateTime at, CancellationToken ct)
    {
        var toReport = new List<PoolControl>();
        var changed = new HashSet<Guid>();
        var pools = 0;
        var retests = 0;
        foreach (var tube in resulted)
        {
            // Members and controls are read through the reporting account's scope (a laboratory is scoped
            // to the city it serves; LabResults takes only tubes inside it). A tube outside it here would
            // leave a positive pool's members silently unfollowed: refuse loudly instead.
            if (!user.Jurisdiction.CoversDivision(tube.DistrictCode))
                throw new InvalidOperationException($"tube {tube.Code} lies outside the reporting account's jurisdiction");
            if (tube.Kind == TubeKind.Retest)
            {
                var control = await db.PoolControls.FirstOrDefaultAsync(c => c.RetestCode == tube.Code, ct);
                if (control is null || control.Status != ControlStatus.AwaitingRetest) continue;
                if (tube.Result == TubeResult.Positive)
                {
                    control.ConfirmPositiveRetest(at);
                    toReport.Add(control);
                }
                else control.ClearAfterNegativeRetest(at);
                if (control.PersonId is { } pid) changed.Add(pid);
                continue;
            }
            if (tube.Result != TubeResult.Positive) continue;
            var members = await db.SamplingRecords.AsNoTracking()
                .Where(s => s.DistrictCode == tube.DistrictCode && s.RoundId == tube.RoundId && s.TubeCode == tube.Code)
                .OrderBy(s => s.IdNumber).ToListAsync(ct);
            var already = (await db.PoolControls.AsNoTracking()
                .Where(c => c.RoundId == tube.RoundId && c.PoolCode == tube.Code).Select(c => c.IdNumber).ToListAsync(ct)).ToHashSet();
            if (tube.Kind == TubeKind.Pool && members.Any(m => !already.Contains(m.IdNumber))) pools++;
            var n = 0;
            foreach (var m in members)
            {
                n++;
                if (already.Contains(m.IdNumber)) continue;
                var personId = await EnsurePersonAsync(m, ct);
                if (personId is { } id) changed.Add(id);
                if (tube.Kind == TubeKind.Individual)
                {
                    var control = PoolControl.PositiveIndividual(Guid.CreateVersion7(), tube.RoundId, tube.Code, m.IdNumber, personId, m.CommitteeCode, at);
                    db.PoolControls.Add(control);
                    toReport.Add(control);
                }
                else
                {
                    var code = $"{tube.Code}-R{n:D2}";
                    var district = m.CommitteeCode[..6];
                    db.Tubes.Add(Tube.ScheduledRetest(code, tube.RoundId, district, tube.Code));
                    db.SamplingRecords.Add(new SamplingRecord(district, tube.RoundId, code, m.IdNumber, m.Name, m.Phone, m.CommitteeCode));
                    db.PoolControls.Add(PoolControl.AwaitRetest(Guid.CreateVersion7(), tube.RoundId, tube.Code, code, m.IdNumber, personId, m.CommitteeCode, at));
                    retests++;
                }
            }
        }
        return new Followed(toReport, changed, pools, retests);
    }

    // Residents become People when they first matter to another module (a positive pool), not when
    // swabbed: 25 million sampling records must not become 25 million registrations.
    private async Task<Guid?> EnsurePersonAsync(SamplingRecord member, CancellationToken ct)
    {
        // Through the reporter's scope: a resident registered outside it is not looked up around the filter;
        // registering fails then (one person per ID number) and the control stays under the ID number, followed by hand.
        var existing = await db.People.AsNoTracking().Where(p => p.IdNumber == member.IdNumber).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var outcome = await people.RegisterAsync(new PersonInput(member.Name, member.IdNumber, member.Phone, null, member.CommitteeCode), ct);
        if (outcome is Platform.Api.WriteOutcome<Person>.Done done) return done.Value.Id;
        logger.LogWarning("A member of a positive tube could not be registered as a person ({Outcome}); kept under control by ID number.", outcome.GetType().Name);
        return null;
    }

    // After commit: each positive person goes to the investigation module's case intake. Without an
    // intake (module not installed) or when it fails, the control row says so and the audit trail
    // records it, so the positive is followed up by hand rather than lost.
    public async Task ReportAsync(Followed followed, CancellationToken ct)
    {
        var intake = services.GetService<ICaseIntake>();
        foreach (var control in followed.ToReport)
        {
            var note = $"核酸筛查阳性 / screening positive: round {control.RoundId}, tube {control.RetestCode ?? control.PoolCode}";
            if (control.PersonId is not { } personId)
                control.IntakeFailed("未能登记为人员，须人工上报流调 / the person could not be registered; report to the investigation by hand");
            else if (intake is null)
                control.IntakeFailed("流调模块未启用，须人工上报 / the investigation module's case intake is not available; report by hand");
            else
            {
                try
                {
                    control.HandedToInvestigation(await intake.ReportPositiveAsync(personId, control.ResolvedAt ?? control.Since, DetectionRoute.Screening, note, ct));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Case intake failed for a screening positive (control {Control}).", control.Id);
                    control.IntakeFailed("上报流调失败，须人工上报 / reporting to the investigation failed; report by hand");
                }
            }
            await audit.AppendAsync(user.Actor, new AuditEvent("screening.positive.report", control.CaseId is null ? AuditOutcome.Failure : AuditOutcome.Success,
                "poolControl", control.Id.ToString(), control.CaseId is { } c ? $"case={c}" : control.IntakeNote), ct);
        }
        if (followed.ToReport.Count > 0) await db.SaveChangesAsync(ct);
        if (followed.Changed.Count > 0 && services.GetService<IHealthStatusChanges>() is { } changes)
            await changes.PeopleChangedAsync(followed.Changed, ct);
    }

    public sealed record ControlRow(Guid Id, int RoundId, string PoolCode, string? RetestCode, string IdNumber, Guid? PersonId, string CommitteeCode,
        ControlStatus Status, DateTime Since, DateTime? ResolvedAt, Guid? CaseId, string? IntakeNote, TubeResult RetestResult);

    // Members under control in the caller's divisions, ID numbers masked.
    public async Task<IReadOnlyList<ControlRow>> ListAsync(int roundId, CancellationToken ct)
    {
        var rows = await db.PoolControls.AsNoTracking().Where(c => c.RoundId == roundId)
            .OrderBy(c => c.PoolCode).ThenBy(c => c.RetestCode).Take(5000).ToListAsync(ct);
        var codes = rows.Where(r => r.RetestCode != null).Select(r => r.RetestCode!).ToList();
        var results = new Dictionary<string, TubeResult>();
        foreach (var batch in codes.Chunk(1000))
            foreach (var t in await db.Tubes.AsNoTracking().Where(t => batch.Contains(t.Code)).Select(t => new { t.Code, t.Result }).ToListAsync(ct))
                results[t.Code] = t.Result;
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.controls.list", AuditOutcome.Success, "screeningRound", roundId.ToString(CultureInfo.InvariantCulture), $"rows={rows.Count}"), ct);
        return rows.Select(c => new ControlRow(c.Id, c.RoundId, c.PoolCode, c.RetestCode, Fangkong.Core.Privacy.Masking.IdNumber(c.IdNumber), c.PersonId, c.CommitteeCode,
            c.Status, c.Since, c.ResolvedAt, c.CaseId, c.IntakeNote, c.RetestCode is { } r ? results.GetValueOrDefault(r) : TubeResult.Positive)).ToList();
    }
}

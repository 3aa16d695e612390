using System.Diagnostics;
using Fangkong.Core.Geography;
using Fangkong.Core.Privacy;
using Fangkong.Optimization.Placement;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

// Scope: whose patients (a division); WardScope: optionally, only the wards under this division
// (a district placing into its own hospitals first); by default every ward the caller can see.
public sealed record PlacementRequest(string? Scope, string? WardScope = null);

public sealed record PlacementChange(Guid? PatientId, Guid? WardId);

public sealed record PlacementLineView(Guid PatientId, string Name, string DivisionCode, string Severity, int Priority, string MinimumLevel,
    double WaitingHours, Guid? WardId, string? FacilityName, string? Level, double? DistanceKm, Guid? EngineWardId, string Reason);

public sealed record PlacementClassView(int Priority, int Patients, int Placed);

public sealed record PlacementView(Guid Id, string ScopeCode, string Status, int Patients, int Placed, double TotalDistanceKm, double EngineMilliseconds,
    string? CreatedBy, DateTime CreatedAt, string? ApprovedBy, DateTime? ApprovedAt, int Version, IReadOnlyList<PlacementClassView> Classes,
    IReadOnlyList<PlacementLineView> Lines, IReadOnlyList<WardChoice> Wards);

public sealed record WardChoice(Guid Id, string Facility, string Level, int Free);

public sealed record PlacementSummary(Guid Id, string ScopeCode, string Status, int Patients, int Placed, DateTime CreatedAt, string? CreatedBy);

// A day's positives placed by the optimisation engine (Fangkong.Optimization.Placement), reviewed,
// adjusted and approved by a coordinator. Approval reserves a bed for each placed patient through
// PatientFlow's guarded update, all or nothing: if a bed went to someone else meanwhile, or a
// patient was already placed, the approval is refused with the current state and nothing is held.
public sealed class Placements(FangkongDb db, PatientFlow flow, Locations locations, Transport.TransportDesk transport, CurrentUser user, AuditLog audit, TimeProvider clock,
    PersonIdentities identities)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WriteOutcome<PlacementBatch>> RunAsync(PlacementRequest request, CancellationToken ct)
    {
        var scope = string.IsNullOrWhiteSpace(request.Scope) ? user.Jurisdiction.DivisionPrefix ?? "" : request.Scope.Trim();
        if (scope.Length == 0 || !scope.All(char.IsAsciiDigit) || !await db.Divisions.AnyAsync(d => d.Code == scope, ct))
            return new WriteOutcome<PlacementBatch>.Invalid(new FieldErrors().Add("scope", "须为区划代码 / must be a division code"));
        if (!user.Jurisdiction.CoversDivision(scope))
            return new WriteOutcome<PlacementBatch>.Forbidden(new FieldErrors().Add("scope", "超出管辖范围 / outside your jurisdiction"));

        var waiting = await db.Patients.AsNoTracking().Where(p => p.Status == PatientStatus.Waiting && p.DivisionCode.StartsWith(scope))
            .OrderBy(p => p.WaitingSince).Take(200_000).ToListAsync(ct);
        if (waiting.Count == 0)
            return new WriteOutcome<PlacementBatch>.Invalid(new FieldErrors().Add("scope", "范围内没有待收治的患者 / no patient waiting in this scope"));
        var wardScope = request.WardScope?.Trim();
        if (wardScope is { Length: > 0 } && (!wardScope.All(char.IsAsciiDigit) || wardScope.Length > 12))
            return new WriteOutcome<PlacementBatch>.Invalid(new FieldErrors().Add("wardScope", "须为区划代码 / must be a division code"));
        var wards = (await OpenWardsAsync(ct)).Where(w => string.IsNullOrEmpty(wardScope) || w.Ward.DivisionCode.StartsWith(wardScope, StringComparison.Ordinal)).ToList();
        if (wards.Count == 0)
            return new WriteOutcome<PlacementBatch>.Invalid(new FieldErrors().Add("wardScope", "范围内没有空床 / no free bed in this scope"));
        var points = await locations.PointsAsync(waiting.Select(p => p.DivisionCode), ct);
        var facilityPoints = wards.Select(w => w.Facility).DistinctBy(f => f.Id).ToDictionary(f => f.Id.ToString(), f => (f.Latitude, f.Longitude));
        var now = Now;

        var started = Stopwatch.GetTimestamp();
        var result = PlacementEngine.Place(
            waiting.Select(p => new WaitingPatient(p.Id.ToString(), p.DivisionCode, CareLevels.PriorityOf(p.Severity, p.HasRisk),
                CareLevels.PlacementClasses(p.Severity, p.HasRisk), (now - p.WaitingSince).TotalHours)).ToList(),
            wards.Select(w => new OpenWard(w.Ward.Id.ToString(), w.Facility.Id.ToString(), CareLevels.PlacementClass(w.Ward.Level, w.Facility.Kind), w.Ward.Free)).ToList(),
            (area, facility) => points.TryGetValue(area, out var a) && facilityPoints.TryGetValue(facility, out var f) && f is { Latitude: { } lat, Longitude: { } lon }
                ? GreatCircle.HundredMetres(a.Latitude, a.Longitude, lat, lon) : null);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var batch = PlacementBatch.Draft(Guid.CreateVersion7(), scope, user.UserName, now);
        var byId = waiting.ToDictionary(p => p.Id.ToString());
        var placed = result.Patients.Count(p => p.WardId is not null);
        batch.Solved(waiting.Count, placed, result.Patients.Sum(p => p.Distance ?? 0), Math.Round(elapsed, 1));
        db.PlacementBatches.Add(batch);
        db.PlacementLines.AddRange(result.Patients.Select(r =>
        {
            var p = byId[r.PatientId];
            return PlacementLine.From(batch.Id, p.Id, p.DivisionCode, CareLevels.PriorityOf(p.Severity, p.HasRisk), p.Severity,
                CareLevels.MinimumLevel(p.Severity, p.HasRisk), r.WardId is null ? null : Guid.Parse(r.WardId), r.Distance, r.Reason,
                Math.Round((now - p.WaitingSince).TotalHours, 1));
        }));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("treatment.placement.run", AuditOutcome.Success, "placement", batch.Id.ToString(),
            $"{scope}: {placed} of {waiting.Count} placed"), ct);
        return new WriteOutcome<PlacementBatch>.Done(batch);
    }

    private async Task<List<(Ward Ward, Facility Facility)>> OpenWardsAsync(CancellationToken ct)
    {
        var wards = await db.Wards.AsNoTracking().Where(w => w.Occupied + w.Reserved < w.Beds).ToListAsync(ct);
        var ids = wards.Select(w => w.FacilityId).Distinct().ToList();
        // unscoped: hospital names and kinds are reference data
        var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        return wards.Where(w => facilities.ContainsKey(w.FacilityId)).Select(w => (w, facilities[w.FacilityId])).ToList();
    }

    public async Task<List<PlacementSummary>> ListAsync(CancellationToken ct) =>
        (await db.PlacementBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(50).ToListAsync(ct))
            .Select(b => new PlacementSummary(b.Id, b.ScopeCode, b.Status.ToString(), b.Patients, b.Placed, b.CreatedAt, b.CreatedBy)).ToList();

    public async Task<PlacementView?> ViewAsync(Guid id, CancellationToken ct)
    {
        var batch = await db.PlacementBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return null;
        var lines = await db.PlacementLines.AsNoTracking().Where(l => l.BatchId == id).ToListAsync(ct);
        var patientIds = lines.Select(l => l.PatientId).ToList();
        // The batch's patients as the caller sees them now; who they are comes masked from the people module.
        var personOf = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PersonId, ct);
        var people = await identities.OfAsync(personOf.Values, ct);
        var names = personOf.Where(x => people.ContainsKey(x.Value)).ToDictionary(x => x.Key, x => Masking.Name(people[x.Value].Name));
        var wardIds = lines.SelectMany(l => new[] { l.WardId, l.EngineWardId }).OfType<Guid>().Distinct().ToList();
        // unscoped: ward and hospital names are reference data
        var wardInfo = await db.Wards.IgnoreQueryFilters().AsNoTracking().Where(w => wardIds.Contains(w.Id))
            .Join(db.Facilities.IgnoreQueryFilters(), w => w.FacilityId, f => f.Id, (w, f) => new { w.Id, f.Name, w.Level }) // unscoped: hospital names are reference data
            .ToDictionaryAsync(x => x.Id, ct);
        var choices = batch.Status == PlacementStatus.Draft
            ? (await OpenWardsAsync(ct)).OrderBy(w => w.Facility.Name).ThenBy(w => w.Ward.Level)
                .Select(w => new WardChoice(w.Ward.Id, w.Facility.Name, w.Ward.Level.ToString(), w.Ward.Free)).ToList()
            : [];
        var views = lines.Select(l => new PlacementLineView(l.PatientId, names.GetValueOrDefault(l.PatientId, "—"), l.DivisionCode, l.Severity.ToString(),
                l.Priority, l.MinimumLevel.ToString(), l.WaitingHours, l.WardId, l.WardId is { } w && wardInfo.TryGetValue(w, out var info) ? info.Name : null,
                l.WardId is { } w2 && wardInfo.TryGetValue(w2, out var info2) ? info2.Level.ToString() : null, l.Distance / 10.0, l.EngineWardId, l.Reason))
            .OrderBy(v => v.WardId is null ? 0 : 1).ThenBy(v => v.Priority).ThenByDescending(v => v.WaitingHours).ToList();
        var classes = lines.GroupBy(l => l.Priority).OrderBy(g => g.Key).Select(g => new PlacementClassView(g.Key, g.Count(), g.Count(l => l.WardId is not null))).ToList();
        return new PlacementView(batch.Id, batch.ScopeCode, batch.Status.ToString(), batch.Patients, batch.Placed, batch.TotalDistance / 10.0,
            batch.EngineMilliseconds, batch.CreatedBy, batch.CreatedAt, batch.ApprovedBy, batch.ApprovedAt, batch.Version, classes, views, choices);
    }

    // Puts one patient of a draft in another ward (or none), if its level fits and, counting the
    // draft's other lines, the ward still has a free bed.
    public async Task<WriteOutcome<PlacementView>> AdjustAsync(Guid id, int expectedVersion, PlacementChange change, CancellationToken ct)
    {
        var batch = await db.PlacementBatches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return new WriteOutcome<PlacementView>.NotFound();
        if (batch.Version != expectedVersion) return new WriteOutcome<PlacementView>.Stale(batch.Version);
        if (batch.Status != PlacementStatus.Draft) return Invalid("status", "方案已批准或作废 / the placement is no longer a draft");
        var line = await db.PlacementLines.FirstOrDefaultAsync(l => l.BatchId == id && l.PatientId == change.PatientId, ct);
        if (line is null) return Invalid("patientId", "该患者不在方案中 / this patient is not in the placement");
        long? distance = null;
        if (change.WardId is { } wardId)
        {
            var ward = await db.Wards.AsNoTracking().FirstOrDefaultAsync(w => w.Id == wardId, ct);
            if (ward is null) return Invalid("wardId", "病区不存在或不在管辖范围 / unknown ward or outside your jurisdiction");
            // unscoped: hospital name and kind are reference data
            var facility = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstAsync(f => f.Id == ward.FacilityId, ct);
            var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == line.PatientId, ct);
            if (!CareLevels.PlacementClasses(patient.Severity, patient.HasRisk).Contains(CareLevels.PlacementClass(ward.Level, facility.Kind)))
                return Invalid("wardId", $"{facility.Name} {ward.Level} 不适合 {patient.Severity} 患者 / this ward's level does not fit the patient");
            var alreadyHere = await db.PlacementLines.CountAsync(l => l.BatchId == id && l.WardId == wardId && l.PatientId != line.PatientId, ct);
            if (alreadyHere >= ward.Free) return Invalid("wardId", $"{facility.Name} {ward.Level} 已无空床（空 {ward.Free}，本方案已安排 {alreadyHere}）/ no free bed left");
            var points = await locations.PointsAsync([patient.DivisionCode], ct);
            distance = points.TryGetValue(patient.DivisionCode, out var p) && facility is { Latitude: { } lat, Longitude: { } lon }
                ? GreatCircle.HundredMetres(p.Latitude, p.Longitude, lat, lon) : null;
        }
        line.Assign(change.WardId, distance, change.WardId is null ? "removed" : PlacementEngine.Placed);
        await db.SaveChangesAsync(ct);
        var lines = await db.PlacementLines.AsNoTracking().Where(l => l.BatchId == id).ToListAsync(ct);
        batch.Adjusted(lines.Count(l => l.WardId is not null), lines.Sum(l => l.Distance ?? 0), Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<PlacementView>.Stale((await db.PlacementBatches.AsNoTracking().FirstAsync(b => b.Id == id, ct)).Version);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("treatment.placement.adjust", AuditOutcome.Success, "placement", id.ToString(),
            $"{change.PatientId} -> {change.WardId?.ToString() ?? "none"}"), ct);
        return new WriteOutcome<PlacementView>.Done((await ViewAsync(id, ct))!);
    }

    public async Task<WriteOutcome<PlacementView>> ApproveAsync(Guid id, int expectedVersion, CancellationToken ct)
    {
        var reserved = new List<(Patient Patient, Ward Ward)>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var batch = await db.PlacementBatches.FirstOrDefaultAsync(b => b.Id == id, ct);
            if (batch is null) return new WriteOutcome<PlacementView>.NotFound();
            if (batch.Version != expectedVersion) return new WriteOutcome<PlacementView>.Stale(batch.Version);
            if (batch.Status != PlacementStatus.Draft) return Invalid("status", "方案已批准或作废 / the placement is no longer a draft");
            batch.Approve(user.UserName, Now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new WriteOutcome<PlacementView>.Stale((await db.PlacementBatches.AsNoTracking().FirstAsync(b => b.Id == id, ct)).Version);
            }

            var lines = await db.PlacementLines.AsNoTracking().Where(l => l.BatchId == id && l.WardId != null).ToListAsync(ct);
            var patientIds = lines.Select(l => l.PatientId).ToList();
            var patients = await db.Patients.Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var wardIds = lines.Select(l => l.WardId!.Value).Distinct().ToList();
            // unscoped: ward rows are facility reference data (approved lines may point at wards outside the caller's reach)
            var wards = await db.Wards.IgnoreQueryFilters().AsNoTracking().Where(w => wardIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
            var errors = new FieldErrors();
            foreach (var line in lines.OrderBy(l => l.Priority).ThenByDescending(l => l.WaitingHours))
            {
                var ward = wards[line.WardId!.Value];
                // A patient of the batch who left the caller's scope since it was drafted is not placed.
                if (!patients.TryGetValue(line.PatientId, out var patient))
                    errors.Add("patients", $"{line.PatientId}: 不在管辖范围内 / outside your jurisdiction");
                else if (patient.Status != PatientStatus.Waiting)
                    errors.Add("patients", $"{line.PatientId}: 已不在等待中（{patient.Status}）/ no longer waiting");
                else if (!await flow.ReserveAsync(patient, ward, ct))
                    errors.Add("wards", $"{ward.Name}（{ward.Id}）: 床位已被占用，请重新计算 / the bed has been taken; run the placement again");
                else
                    reserved.Add((patient, ward));
            }
            if (errors.Any)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new WriteOutcome<PlacementView>.Invalid(errors);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new WriteOutcome<PlacementView>.Invalid(new FieldErrors().Add("patients", "患者状态刚被他人更改，请重新计算 / a patient changed meanwhile; run the placement again"));
            }
            await tx.CommitAsync(ct);
        }
        // Every reserved bed needs a ride: the transport desk opens the requests (buses for groups).
        var requests = await transport.RequestForPlacementAsync(reserved.Select(r => new Transport.PlacedPatient(r.Patient.Id, r.Patient.Severity,
            r.Patient.HasRisk, r.Patient.DivisionCode, r.Ward.FacilityId, r.Ward.Id)).ToList(), ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("treatment.placement.approve", AuditOutcome.Success, "placement", id.ToString(),
            $"{reserved.Count} beds reserved, {requests} transport requests"), ct);
        return new WriteOutcome<PlacementView>.Done((await ViewAsync(id, ct))!);
    }

    public async Task<WriteOutcome<PlacementView>> DiscardAsync(Guid id, int expectedVersion, CancellationToken ct)
    {
        var batch = await db.PlacementBatches.FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return new WriteOutcome<PlacementView>.NotFound();
        if (batch.Version != expectedVersion) return new WriteOutcome<PlacementView>.Stale(batch.Version);
        if (batch.Status != PlacementStatus.Draft) return Invalid("status", "方案已批准或作废 / the placement is no longer a draft");
        batch.Discard(Now);
        await db.SaveChangesAsync(ct);
        return new WriteOutcome<PlacementView>.Done((await ViewAsync(id, ct))!);
    }

    private static WriteOutcome<PlacementView> Invalid(string field, string message) => new WriteOutcome<PlacementView>.Invalid(new FieldErrors().Add(field, message));
}

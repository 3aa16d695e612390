using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Treatment;

public sealed record PatientInput(Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? DivisionCode, string? Severity,
    bool? ChronicDisease, bool? Pregnant, DateTime? DetectedAt);

// Every change to a patient: one transaction with the patient, its event and the wards' counts.
// Ward counts move only through guarded updates (a bed is taken only if Occupied + Reserved < Beds;
// a count never goes below zero), so concurrent admissions or approvals cannot overfill a ward,
// and the CHECK constraint on Wards stands behind them.
public sealed class PatientFlow(FangkongDb db, PeopleRegistry people, CurrentUser user, AuditLog audit, TimeProvider clock,
    IOptions<TreatmentOptions> options, Divisions.ReferenceData reference)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // Everything RegisterAsync would refuse, without writing anything: an import judges every row
    // first, so "all or nothing" stores nothing when any row is bad.
    public async Task<FieldErrors> CheckAsync(PatientInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        ParseSeverity(input.Severity, errors);
        var detected = input.DetectedAt ?? Now;
        if (detected > Now.AddHours(1) || detected < Now.AddDays(-60)) errors.Add("detectedAt", "须在过去 60 天内 / must be within the last 60 days");
        var number = input.IdNumber?.Trim().ToUpperInvariant();
        // Through the scope filter: a person registered in another district is not found here (and is
        // not revealed); registering the number again is refused by PeopleRegistry with a neutral answer.
        var person = string.IsNullOrEmpty(number) ? null
            : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == number, ct);
        if (person is null)
            new PersonInput(input.Name, input.IdNumber, input.Phone, null, input.DivisionCode).Validate(errors, reference.Regions, ChinaTime.Today(clock));
        var residence = string.IsNullOrWhiteSpace(input.DivisionCode) ? person?.DivisionCode : input.DivisionCode.Trim();
        if (residence is null) return errors;
        if (!await db.Divisions.AnyAsync(d => d.Code == residence, ct)) errors.Add("divisionCode", "区划不存在 / unknown division");
        else if (!user.Jurisdiction.CoversDivision(residence)) errors.Add("divisionCode", "住址不在管辖范围内 / residence outside your jurisdiction");
        if (person is not null && await db.Patients.AnyAsync(p => p.PersonId == person.Id
                && p.Status != PatientStatus.Discharged && p.Status != PatientStatus.Died, ct))
            errors.Add("idNumber", "此人已在收治流程中 / this person is already a patient under care");
        return errors;
    }

    public async Task<WriteOutcome<Patient>> RegisterAsync(PatientInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var severity = ParseSeverity(input.Severity, errors);
        var detected = input.DetectedAt ?? Now;
        if (detected > Now.AddHours(1) || detected < Now.AddDays(-60)) errors.Add("detectedAt", "须在过去 60 天内 / must be within the last 60 days");
        Person? person = null;
        if (input.PersonId is { } personId)
        {
            person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) errors.Add("personId", "人员不存在或不在管辖范围 / unknown person or outside your jurisdiction");
        }
        else if (!string.IsNullOrWhiteSpace(input.IdNumber))
        {
            var number = input.IdNumber.Trim().ToUpperInvariant();
            person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == number, ct);
        }
        if (errors.Any) return new WriteOutcome<Patient>.Invalid(errors);
        if (person is null)
        {
            var registered = await people.RegisterAsync(new PersonInput(input.Name, input.IdNumber, input.Phone, null, input.DivisionCode), ct);
            if (registered is not WriteOutcome<Person>.Done { Value: var created }) return Translate<Person>(registered);
            person = created;
        }
        var residence = string.IsNullOrWhiteSpace(input.DivisionCode) ? person.DivisionCode : input.DivisionCode.Trim();
        if (!user.Jurisdiction.CoversDivision(residence))
            return new WriteOutcome<Patient>.Forbidden(new FieldErrors().Add("divisionCode", "住址不在管辖范围内 / residence outside your jurisdiction"));
        if (!await db.Divisions.AnyAsync(d => d.Code == residence, ct))
            return Invalid("divisionCode", "区划不存在 / unknown division");
        // Episodes the caller can see (the person is in its scope, and so is any episode registered at
        // their residence): an episode held only by another jurisdiction is not disclosed.
        if (await db.Patients.AnyAsync(p => p.PersonId == person.Id
                && p.Status != PatientStatus.Discharged && p.Status != PatientStatus.Died, ct))
            return Invalid("idNumber", "此人已在收治流程中 / this person is already a patient under care");

        var age65 = person.BirthDate.AddYears(65) <= ChinaTime.Today(clock);
        var patient = Patient.Register(Guid.CreateVersion7(), person.Id, residence, residence[..Math.Min(6, residence.Length)], severity!.Value, age65,
            input.ChronicDisease ?? false, input.Pregnant ?? false, detected, Now);
        db.Patients.Add(patient);
        db.PatientEvents.Add(PatientEvent.Record(Guid.CreateVersion7(), patient, PatientEventKind.Registered, null, null, null, null, user.UserName, Now));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("patient.register", AuditOutcome.Success, "patient", patient.Id.ToString()), ct);
        return new WriteOutcome<Patient>.Done(patient);
    }

    public Task<WriteOutcome<Patient>> AdmitAsync(Guid patientId, int expectedVersion, Guid wardId, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "admit", async patient =>
        {
            if (patient.Status is not (PatientStatus.Waiting or PatientStatus.Reserved or PatientStatus.AtHome))
                return Invalid("status", $"患者当前状态为 {patient.Status}，不能入院 / a patient who is {patient.Status} cannot be admitted");
            var (ward, refused) = await TargetWardAsync(patient, wardId, ct);
            if (refused is not null) return refused;
            if (patient.Status == PatientStatus.Reserved && patient.WardId == ward!.Id)
            {
                await Move(ward.Id, reservedDelta: -1, occupiedDelta: +1, ct);
            }
            else
            {
                if (patient.Status == PatientStatus.Reserved) await Move(patient.WardId!.Value, reservedDelta: -1, occupiedDelta: 0, ct);
                if (!await TakeBedAsync(ward!.Id, occupied: true, ct)) return Full(ward);
            }
            patient.Admit(ward.Id, ward.FacilityId, Now, Now.AddDays(options.Value.StayDays(ward.Level)));
            Record(patient, PatientEventKind.Admitted, null, ward);
            return null;
        }, ct);

    // Approval of a placement: the bed is held for the patient until admission or release.
    internal async Task<bool> ReserveAsync(Patient patient, Ward ward, CancellationToken ct)
    {
        if (!await TakeBedAsync(ward.Id, occupied: false, ct)) return false;
        patient.Reserve(ward.Id, ward.FacilityId, Now);
        Record(patient, PatientEventKind.Reserved, null, ward);
        return true;
    }

    public Task<WriteOutcome<Patient>> ReleaseReservationAsync(Guid patientId, int expectedVersion, string? note, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "release", async patient =>
        {
            if (patient.Status != PatientStatus.Reserved) return Invalid("status", "患者没有预留床位 / the patient holds no reservation");
            var from = patient.WardId!.Value;
            await Move(from, reservedDelta: -1, occupiedDelta: 0, ct);
            patient.ReleaseReservation(Now);
            Record(patient, PatientEventKind.ReservationReleased, from, null, note);
            return null;
        }, ct);

    // Transfer between wards (same or another facility): up when the new level is higher
    // (deterioration), down when lower (recovery), otherwise a plain transfer.
    public Task<WriteOutcome<Patient>> TransferAsync(Guid patientId, int expectedVersion, Guid wardId, string? note, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "transfer", async patient =>
        {
            if (patient.Status != PatientStatus.Admitted) return Invalid("status", "只有在院患者可以转科转院 / only an admitted patient can be transferred");
            if (patient.WardId == wardId) return Invalid("wardId", "已在该病区 / already in this ward");
            var (ward, refused) = await TargetWardAsync(patient, wardId, ct);
            if (refused is not null) return refused;
            // unscoped: ward (bed) rows are facility reference data; scope is checked on the ward's facility below
            var fromWard = await db.Wards.IgnoreQueryFilters().AsNoTracking().FirstAsync(w => w.Id == patient.WardId, ct);
            if (!await TakeBedAsync(ward!.Id, occupied: true, ct)) return Full(ward);
            await Move(fromWard.Id, reservedDelta: 0, occupiedDelta: -1, ct);
            patient.MoveTo(ward.Id, ward.FacilityId, Now);
            var kind = ward.Level > fromWard.Level ? PatientEventKind.ReferredUp : ward.Level < fromWard.Level ? PatientEventKind.ReferredDown : PatientEventKind.Transferred;
            Record(patient, kind, fromWard.Id, ward, note);
            return null;
        }, ct, actingFacility: p => p.FacilityId);

    // Down to community care: the bed is freed and the patient treated at home under follow-up.
    public Task<WriteOutcome<Patient>> ReferToCommunityAsync(Guid patientId, int expectedVersion, string? note, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "community", async patient =>
        {
            if (patient.Status != PatientStatus.Admitted) return Invalid("status", "只有在院患者可以转社区 / only an admitted patient can go to community care");
            if (CareLevels.PathwayOf(patient.Severity, patient.HasRisk, asymptomaticAtHome: true) != CarePathway.Home && patient.Severity > Severity.Mild)
                return Invalid("severity", "病情为中型及以上，不能转居家 / moderate or worse cannot go home");
            var from = patient.WardId!.Value;
            await Move(from, reservedDelta: 0, occupiedDelta: -1, ct);
            patient.SendHome(Now);
            Record(patient, PatientEventKind.SentHome, from, null, note);
            return null;
        }, ct, actingFacility: p => p.FacilityId);

    public Task<WriteOutcome<Patient>> ChangeSeverityAsync(Guid patientId, int expectedVersion, string? severity, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "severity", patient =>
        {
            var errors = new FieldErrors();
            var parsed = ParseSeverity(severity, errors);
            if (errors.Any) return Task.FromResult<WriteOutcome<Patient>?>(new WriteOutcome<Patient>.Invalid(errors));
            if (patient.Status is PatientStatus.Discharged or PatientStatus.Died)
                return Task.FromResult<WriteOutcome<Patient>?>(Invalid("status", "患者已出院或死亡 / the patient's episode has ended"));
            patient.Reassess(parsed!.Value, Now);
            Record(patient, PatientEventKind.SeverityChanged, patient.WardId, null);
            return Task.FromResult<WriteOutcome<Patient>?>(null);
        }, ct);

    public Task<WriteOutcome<Patient>> RecordTestAsync(Guid patientId, int expectedVersion, DateTime? takenAt, bool? positive, double? ctValue, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "test", patient =>
        {
            var errors = new FieldErrors();
            if (takenAt is null) errors.Add("takenAt", "必填 / required");
            else if (takenAt > Now.AddHours(1)) errors.Add("takenAt", "不能晚于现在 / cannot be in the future");
            if (positive is null) errors.Add("positive", "必填 / required");
            if (ctValue is < 0 or > 50) errors.Add("ctValue", "须为 0–50 / must be 0–50");
            if (errors.Any) return Task.FromResult<WriteOutcome<Patient>?>(new WriteOutcome<Patient>.Invalid(errors));
            db.PatientTests.Add(PatientTest.Record(Guid.CreateVersion7(), patient.Id, patient.DistrictCode, takenAt!.Value, positive!.Value, ctValue));
            Record(patient, PatientEventKind.TestRecorded, patient.WardId, null, positive!.Value ? "positive" : "negative");
            patient.Reassess(patient.Severity, Now);
            return Task.FromResult<WriteOutcome<Patient>?>(null);
        }, ct);

    public Task<WriteOutcome<Patient>> DischargeAsync(Guid patientId, int expectedVersion, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "discharge", async patient =>
        {
            if (patient.Status != PatientStatus.Admitted && patient.Status != PatientStatus.AtHome)
                return Invalid("status", "患者未在院，不能出院 / the patient is not admitted, so cannot be discharged");
            var rule = await db.DischargeRules.AsNoTracking().Where(r => r.EffectiveFrom <= Now).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
            if (rule is not null)
            {
                var tests = await db.PatientTests.AsNoTracking().Where(t => t.PatientId == patient.Id).OrderByDescending(t => t.TakenAt).ToListAsync(ct);
                var unmet = DischargeCheck.Unmet(rule, patient.AdmittedAt ?? patient.DetectedAt, tests, Now);
                if (unmet is not null) return Invalid("discharge", $"未达到出院标准（第 {rule.Version} 版）：{unmet}");
            }
            var from = patient.WardId;
            if (from is { } ward) await Move(ward, reservedDelta: 0, occupiedDelta: -1, ct);
            patient.Discharge(Now);
            Record(patient, PatientEventKind.Discharged, from, null, rule is null ? null : $"rule v{rule.Version}");
            return null;
        }, ct, actingFacility: p => p.FacilityId);

    public Task<WriteOutcome<Patient>> DeathAsync(Guid patientId, int expectedVersion, string? note, CancellationToken ct) =>
        ChangeAsync(patientId, expectedVersion, "death", async patient =>
        {
            if (patient.Status is PatientStatus.Discharged or PatientStatus.Died) return Invalid("status", "患者已出院或死亡 / the patient's episode has ended");
            var from = patient.WardId;
            if (from is { } ward)
                await Move(ward, reservedDelta: patient.Status == PatientStatus.Reserved ? -1 : 0, occupiedDelta: patient.Status == PatientStatus.Admitted ? -1 : 0, ct);
            patient.Die(Now);
            Record(patient, PatientEventKind.Died, from, null, note);
            return null;
        }, ct, actingFacility: p => p.FacilityId);

    // Load (through the scope filters), check version and who may act, run the step, save, commit.
    private async Task<WriteOutcome<Patient>> ChangeAsync(Guid patientId, int expectedVersion, string action,
        Func<Patient, Task<WriteOutcome<Patient>?>> step, CancellationToken ct, Func<Patient, Guid?>? actingFacility = null)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null) return new WriteOutcome<Patient>.NotFound();
        if (patient.Version != expectedVersion) return new WriteOutcome<Patient>.Stale(patient.Version);
        if (actingFacility?.Invoke(patient) is { } facilityId && !await CoversFacilityAsync(facilityId, ct))
            return new WriteOutcome<Patient>.Forbidden(new FieldErrors().Add("patientId", "患者所在机构不在管辖范围内 / the treating facility is outside your jurisdiction"));
        var refused = await step(patient);
        if (refused is not null) return refused;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == patientId, ct);
            return new WriteOutcome<Patient>.Stale(current.Version);
        }
        await tx.CommitAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("patient." + action, AuditOutcome.Success, "patient", patient.Id.ToString(), patient.Status.ToString()), ct);
        return new WriteOutcome<Patient>.Done(patient);
    }

    // The ward must exist, be in the caller's reach, be at a level the patient's severity allows,
    // at a kind of facility that takes it.
    private async Task<(Ward? Ward, WriteOutcome<Patient>? Refused)> TargetWardAsync(Patient patient, Guid wardId, CancellationToken ct)
    {
        // unscoped: ward (bed) rows are facility reference data; scope is checked on the ward's facility below
        var ward = await db.Wards.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.Id == wardId, ct);
        if (ward is null) return (null, Invalid("wardId", "病区不存在 / unknown ward"));
        if (!await CoversFacilityAsync(ward.FacilityId, ct))
            return (null, new WriteOutcome<Patient>.Forbidden(new FieldErrors().Add("wardId", "病区所在机构不在管辖范围内 / the ward's facility is outside your jurisdiction")));
        // unscoped: facility kind and division are reference data
        var kind = await db.Facilities.IgnoreQueryFilters().Where(f => f.Id == ward.FacilityId).Select(f => f.Kind).FirstAsync(ct);
        if (ward.Level < CareLevels.MinimumLevel(patient.Severity, patient.HasRisk) || !CareLevels.FacilityTakes(kind, ward.Level, patient.Severity))
            return (null, Invalid("wardId", $"病区级别（{ward.Level}）不适合该患者（{patient.Severity}）/ this ward's level does not fit the patient's severity"));
        return (ward, null);
    }

    private async Task<bool> CoversFacilityAsync(Guid facilityId, CancellationToken ct)
    {
        if (user.Jurisdiction.Everything || user.Jurisdiction.FacilityId == facilityId) return true;
        // unscoped: facility kind and division are reference data
        var division = await db.Facilities.IgnoreQueryFilters().Where(f => f.Id == facilityId).Select(f => f.DivisionCode).FirstOrDefaultAsync(ct);
        return division is not null && user.Jurisdiction.CoversDivision(division);
    }

    // Takes one bed (occupied or reserved) if one is free: the single statement that decides who
    // gets the last bed.
    internal async Task<bool> TakeBedAsync(Guid wardId, bool occupied, CancellationToken ct)
    {
        var column = occupied ? 1 : 0;
        var changed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "Wards" SET "Occupied" = "Occupied" + {column}, "Reserved" = "Reserved" + {1 - column}, "UpdatedAt" = {Now}
            WHERE "Id" = {wardId} AND "Occupied" + "Reserved" < "Beds"
            """, ct);
        return changed == 1;
    }

    private async Task Move(Guid wardId, int reservedDelta, int occupiedDelta, CancellationToken ct)
    {
        var changed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "Wards" SET "Reserved" = "Reserved" + {reservedDelta}, "Occupied" = "Occupied" + {occupiedDelta}, "UpdatedAt" = {Now}
            WHERE "Id" = {wardId} AND "Reserved" + {reservedDelta} >= 0 AND "Occupied" + {occupiedDelta} >= 0
            """, ct);
        if (changed != 1) throw new InvalidOperationException($"Ward {wardId} counts would go negative: the events and the counts disagree.");
    }

    private void Record(Patient patient, PatientEventKind kind, Guid? fromWardId, Ward? to, string? note = null) =>
        db.PatientEvents.Add(PatientEvent.Record(Guid.CreateVersion7(), patient, kind, fromWardId, to?.Id, to?.FacilityId ?? patient.FacilityId,
            note, user.UserName, Now));

    private static Severity? ParseSeverity(string? text, FieldErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(text) && !int.TryParse(text, out _) && Enum.TryParse<Severity>(text.Trim(), true, out var s)) return s;
        var byLabel = text?.Trim() switch { "无症状" => Severity.Asymptomatic, "轻型" => Severity.Mild, "普通型" or "中型" => Severity.Moderate, "重型" => Severity.Severe, "危重型" => Severity.Critical, _ => (Severity?)null };
        if (byLabel is null) errors.Add("severity", "须为 asymptomatic、mild、moderate、severe、critical（或无症状、轻型、普通型、重型、危重型）/ unknown severity");
        return byLabel;
    }

    private static WriteOutcome<Patient> Full(Ward ward) =>
        Invalid("wardId", $"{ward.Name} 已满（{ward.Beds} 床）/ the ward is full");

    private static WriteOutcome<Patient> Invalid(string field, string message) => new WriteOutcome<Patient>.Invalid(new FieldErrors().Add(field, message));

    private static WriteOutcome<Patient> Translate<T>(WriteOutcome<T> outcome) => outcome switch
    {
        WriteOutcome<T>.Invalid i => new WriteOutcome<Patient>.Invalid(i.Errors),
        WriteOutcome<T>.Forbidden f => new WriteOutcome<Patient>.Forbidden(f.Errors),
        _ => new WriteOutcome<Patient>.NotFound(),
    };
}

// The discharge criteria of a rule version against a patient's tests; null when met, else why not.
public static class DischargeCheck
{
    public static string? Unmet(DischargeRule rule, DateTime admittedAt, IReadOnlyList<PatientTest> newestFirst, DateTime nowUtc)
    {
        if ((nowUtc - admittedAt).TotalDays < rule.MinimumDaysAdmitted)
            return $"入院不足 {rule.MinimumDaysAdmitted} 天 / fewer than {rule.MinimumDaysAdmitted} days since admission";
        var chosen = new List<DateTime>();
        foreach (var test in newestFirst.Where(t => t.TakenAt >= admittedAt))
        {
            var negative = !test.Positive || (rule.CtThreshold is { } ct && test.CtValue >= ct);
            if (!negative) break;
            if (chosen.Count == 0 || (chosen[^1] - test.TakenAt).TotalHours >= rule.HoursApart) chosen.Add(test.TakenAt);
            if (chosen.Count == rule.NegativeTests) return null;
        }
        return $"需要连续 {rule.NegativeTests} 次阴性、间隔至少 {rule.HoursApart} 小时，现有 {chosen.Count} 次 / needs {rule.NegativeTests} negative results at least {rule.HoursApart} h apart, has {chosen.Count}";
    }
}

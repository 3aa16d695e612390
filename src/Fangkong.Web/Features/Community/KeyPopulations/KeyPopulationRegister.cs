using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.People;
using Fangkong.Web.Features.Transport;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Community.KeyPopulations;

public sealed record KeyResidentInput(Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? DivisionCode,
    IReadOnlyList<string>? Conditions, bool? Pregnant, bool? Disabled, bool? LivingAlone, int? VaccineDoses, DateOnly? LastDoseOn,
    string? FamilyDoctor, string? Worker);

public sealed record CheckInInput(string? Method, double? Temperature, int? SpO2, string? Symptoms, bool? SevereSymptom);

public sealed record KeyResidentRow(Guid Id, Guid PersonId, string Name, string IdNumber, int Age, string DivisionCode, IReadOnlyList<string> Conditions,
    bool Pregnant, bool Disabled, bool LivingAlone, int VaccineDoses, int RiskGrade, DateTime NextCheckInDue, bool CheckInOverdue,
    string? FamilyDoctor, string? Worker, int Version);

// The resident after a check-in, and whether that check-in raised a green-channel alert.
public sealed record CheckInResult(KeyResidentRow Resident, bool Escalated);

public sealed record KeyResidentFilter(string? Division, int? MinAge, bool? Unvaccinated, int? MinGrade, bool? Overdue);

public sealed record SurveyProgress(string DivisionCode, string Name, long Expected65Plus, int Registered65Plus, int Registered, double? Share);

public sealed record AlertRow(Guid Id, Guid KeyResidentId, string Name, string DivisionCode, string Reason, DateTime RaisedAt, string Status,
    Guid? PatientId, string? PatientStatus, string? FacilityName, Guid? TransportRequestId, string? TransportStatus, int Version);

// The key-population register (重点人群档案), its check-ins and the green channel. Residents are
// people of the person register (deduplicated by ID number); a check-in below the oxygen
// threshold or with a severe symptom raises a green-channel alert, and one action on the alert
// makes the resident a patient with a prioritised transport request (whose dispatch holds a bed).
public sealed class KeyPopulationRegister(FangkongDb db, PeopleRegistry people, PatientFlow patients, TransportDesk transport,
    DivisionDirectory divisions, ReferenceData reference, CurrentUser user, AuditLog audit, TimeProvider clock, IOptions<RiskGradingOptions> options,
    PersonIdentities identities)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private RiskGradingOptions O => options.Value;

    private DateTime NextDue(int grade) => Now.AddHours(O.CheckInHours[Math.Clamp(grade, 1, 4) - 1]);

    // Everything RegisterAsync would refuse, without writing (imports judge every row first).
    public async Task<(FieldErrors Errors, KeyResidentFacts? Facts, Person? Existing)> CheckAsync(KeyResidentInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var conditions = new List<string>();
        foreach (var text in input.Conditions ?? [])
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (ChronicConditions.Parse(text) is { } c) { if (!conditions.Contains(c)) conditions.Add(c); }
            else errors.Add("conditions", $"未知慢性病“{text}”/ unknown condition '{text}'");
        }
        if (input.VaccineDoses is < 0 or > 10) errors.Add("vaccineDoses", "须为 0–10 / must be 0–10");
        if (input.LastDoseOn is { } d && d > ChinaTime.Today(clock)) errors.Add("lastDoseOn", "不能晚于今天 / cannot be in the future");
        if (input.FamilyDoctor is { Length: > 100 }) errors.Add("familyDoctor", "最长 100 字符 / at most 100 characters");
        if (input.Worker is { Length: > 100 }) errors.Add("worker", "最长 100 字符 / at most 100 characters");
        Person? person = null;
        if (input.PersonId is { } personId)
        {
            person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) errors.Add("personId", "人员不存在或不在管辖范围 / unknown person or outside your jurisdiction");
        }
        else
        {
            var number = input.IdNumber?.Trim().ToUpperInvariant();
            // Through the scope filter: a resident of another district is not found (nor revealed) here, and
            // registering the number again is refused by PeopleRegistry with an answer that names nothing.
            person = string.IsNullOrEmpty(number) ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == number, ct);
            if (person is null) new PersonInput(input.Name, input.IdNumber, input.Phone, null, input.DivisionCode).Validate(errors, reference.Regions, ChinaTime.Today(clock));
        }
        var division = string.IsNullOrWhiteSpace(input.DivisionCode) ? person?.DivisionCode : input.DivisionCode.Trim();
        if (division is not null)
        {
            if (!await db.Divisions.AnyAsync(x => x.Code == division, ct)) errors.Add("divisionCode", "区划不存在 / unknown division");
            else if (!user.Jurisdiction.CoversDivision(division)) errors.Add("divisionCode", "不在管辖范围内 / outside your jurisdiction");
        }
        if (person is not null && await db.KeyResidents.AnyAsync(k => k.PersonId == person.Id, ct))
            errors.Add("idNumber", "已在重点人群档案中 / already on the register");
        var facts = new KeyResidentFacts(conditions, input.Pregnant ?? false, input.Disabled ?? false, input.LivingAlone ?? false,
            input.VaccineDoses ?? 0, input.LastDoseOn, Blank(input.FamilyDoctor), Blank(input.Worker));
        return (errors, errors.Any ? null : facts, person);
    }

    public async Task<WriteOutcome<KeyResident>> RegisterAsync(KeyResidentInput input, CancellationToken ct)
    {
        var (errors, facts, person) = await CheckAsync(input, ct);
        if (errors.Any) return new WriteOutcome<KeyResident>.Invalid(errors);
        if (person is null)
        {
            var created = await people.RegisterAsync(new PersonInput(input.Name, input.IdNumber, input.Phone, null, input.DivisionCode), ct);
            if (created is not WriteOutcome<Person>.Done { Value: var p })
                return created is WriteOutcome<Person>.Invalid i ? new WriteOutcome<KeyResident>.Invalid(i.Errors) : new WriteOutcome<KeyResident>.NotFound();
            person = p;
        }
        var division = string.IsNullOrWhiteSpace(input.DivisionCode) ? person.DivisionCode : input.DivisionCode.Trim();
        var grade = RiskGrading.Grade(RiskGrading.Points(RiskGrading.Age(person.BirthDate, ChinaTime.Today(clock)), facts!));
        var resident = KeyResident.Register(Guid.CreateVersion7(), person.Id, division, person.BirthDate, facts!, grade, Now, Now);
        db.KeyResidents.Add(resident);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // One register entry per person (unique index), possibly held where the caller cannot see it;
            // the person is the caller's own resident, so saying so discloses nothing of another district.
            db.Entry(resident).State = EntityState.Detached;
            return new WriteOutcome<KeyResident>.Invalid(new FieldErrors().Add("idNumber", "已在重点人群档案中 / already on the register"));
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("keypop.register", AuditOutcome.Success, "keyResident", resident.Id.ToString()), ct);
        return new WriteOutcome<KeyResident>.Done(resident);
    }

    public async Task<Page<KeyResidentRow>> ListAsync(KeyResidentFilter filter, Paging paging, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var q = db.KeyResidents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Division)) q = q.Where(k => k.DivisionCode.StartsWith(filter.Division.Trim()));
        if (filter.MinAge is { } age) { var born = today.AddYears(-age); q = q.Where(k => k.BirthDate <= born); }
        if (filter.Unvaccinated == true) q = q.Where(k => k.VaccineDoses == 0);
        if (filter.MinGrade is { } g) q = q.Where(k => k.RiskGrade >= g);
        if (filter.Overdue == true) { var now = Now; q = q.Where(k => k.NextCheckInDue < now); }
        var total = await q.CountAsync(ct);
        var residents = await q.OrderByDescending(k => k.RiskGrade).ThenBy(k => k.NextCheckInDue).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var people = await PeopleOfAsync(residents, ct);
        return new Page<KeyResidentRow>(residents.Select(k => Row(k, people.GetValueOrDefault(k.PersonId).Name, people.GetValueOrDefault(k.PersonId).IdNumber, today)).ToList(),
            paging.Page, paging.PageSize, total);
    }

    public async Task<KeyResidentRow?> FindAsync(Guid id, CancellationToken ct)
    {
        var resident = await db.KeyResidents.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (resident is null) return null;
        var person = (await PeopleOfAsync([resident], ct)).GetValueOrDefault(resident.PersonId);
        return Row(resident, person.Name, person.IdNumber, ChinaTime.Today(clock));
    }

    // Names for residents already read through the scope filter (shown masked), from the people module.
    private async Task<Dictionary<Guid, (string Name, string IdNumber)>> PeopleOfAsync(IReadOnlyCollection<KeyResident> residents, CancellationToken ct) =>
        (await identities.OfAsync(residents.Select(k => k.PersonId), ct)).ToDictionary(x => x.Key, x => (x.Value.Name, x.Value.IdNumber));

    private KeyResidentRow Row(KeyResident k, string name, string idNumber, DateOnly today) =>
        new(k.Id, k.PersonId, Masking.Name(name), Masking.IdNumber(idNumber), RiskGrading.Age(k.BirthDate, today), k.DivisionCode,
            k.Conditions.Length == 0 ? [] : k.Conditions.Split(';'), k.Pregnant, k.Disabled, k.LivingAlone, k.VaccineDoses, k.RiskGrade,
            k.NextCheckInDue, k.NextCheckInDue < Now, k.FamilyDoctor, k.Worker, k.Version);

    // 摸底: registered residents aged 65+ against the 65+ population of each child division.
    public async Task<List<SurveyProgress>> ProgressAsync(string code, CancellationToken ct)
    {
        var children = await divisions.ChildrenAsync(code, ct);
        var born65 = ChinaTime.Today(clock).AddYears(-65);
        var counts = await db.KeyResidents.AsNoTracking().Where(k => k.DivisionCode.StartsWith(code))
            .Select(k => new { k.DivisionCode, Old = k.BirthDate <= born65 }).ToListAsync(ct);
        var expected = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == code).ToDictionaryAsync(d => d.Code, d => d.Age65Plus ?? 0, ct);
        return children.Select(c =>
        {
            var mine = counts.Where(x => x.DivisionCode.StartsWith(c.Code, StringComparison.Ordinal)).ToList();
            var exp = expected.GetValueOrDefault(c.Code);
            var old = mine.Count(x => x.Old);
            return new SurveyProgress(c.Code, c.Name, exp, old, mine.Count, exp > 0 ? Math.Round((double)old / exp, 4) : null);
        }).ToList();
    }

    public async Task<WriteOutcome<CheckInResult>> CheckInAsync(Guid id, int expectedVersion, CheckInInput input, CancellationToken ct)
    {
        var resident = await db.KeyResidents.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (resident is null) return new WriteOutcome<CheckInResult>.NotFound();
        if (resident.Version != expectedVersion) return new WriteOutcome<CheckInResult>.Stale(resident.Version);
        var errors = new FieldErrors();
        CheckInMethod method = CheckInMethod.Call;
        if (input.Method is not null && (int.TryParse(input.Method, out _) || !Enum.TryParse(input.Method, true, out method)))
            errors.Add("method", "须为 call 或 visit / must be call or visit");
        if (input.Temperature is < 34 or > 43) errors.Add("temperature", "须为 34–43 ℃ / must be 34–43 °C");
        if (input.SpO2 is < 50 or > 100) errors.Add("spO2", "须为 50–100 / must be 50–100");
        if (input.Symptoms is { Length: > 500 }) errors.Add("symptoms", "最长 500 字符 / at most 500 characters");
        if (input.Temperature is null && input.SpO2 is null && string.IsNullOrWhiteSpace(input.Symptoms) && input.SevereSymptom is null)
            errors.Add("spO2", "至少记录一项 / record at least one measurement or symptom");
        if (errors.Any) return new WriteOutcome<CheckInResult>.Invalid(errors);

        var reasons = new List<string>();
        if (input.SpO2 is { } s && s < O.SpO2AlertBelow) reasons.Add($"血氧 {s}% < {O.SpO2AlertBelow}% / SpO2 below {O.SpO2AlertBelow}%");
        if (input.SevereSymptom == true) reasons.Add("严重症状 / severe symptom");
        var checkIn = CheckIn.Record(Guid.CreateVersion7(), resident, method, input.Temperature, input.SpO2, Blank(input.Symptoms),
            input.SevereSymptom ?? false, reasons.Count > 0, user.UserName, Now);
        db.CheckIns.Add(checkIn);
        resident.CheckedIn(NextDue(resident.RiskGrade), Now);
        var escalated = reasons.Count > 0 && !await db.GreenChannelAlerts.AnyAsync(a => a.KeyResidentId == id && a.Status == AlertStatus.Open, ct);
        if (escalated)
            db.GreenChannelAlerts.Add(GreenChannelAlert.Raise(Guid.CreateVersion7(), resident, checkIn.Id, string.Join("；", reasons), user.UserName, Now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<CheckInResult>.Stale((await db.KeyResidents.AsNoTracking().FirstAsync(k => k.Id == id, ct)).Version);
        }
        return new WriteOutcome<CheckInResult>.Done(new CheckInResult((await FindAsync(id, ct))!, escalated));
    }

    public async Task<WriteOutcome<AlertRow>> RaiseAsync(Guid id, string? reason, CancellationToken ct)
    {
        var resident = await db.KeyResidents.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (resident is null) return new WriteOutcome<AlertRow>.NotFound();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 300)
            return new WriteOutcome<AlertRow>.Invalid(new FieldErrors().Add("reason", "须填写 1–300 字 / 1–300 characters required"));
        var alert = GreenChannelAlert.Raise(Guid.CreateVersion7(), resident, null, reason.Trim(), user.UserName, Now);
        db.GreenChannelAlerts.Add(alert);
        await db.SaveChangesAsync(ct);
        return new WriteOutcome<AlertRow>.Done((await AlertsAsync(alert.Id, ct)).Single());
    }

    // The one action: patient (severe when oxygen is low, else moderate; a key population by
    // definition) and a green-channel transport request, in that order; a resident already under
    // care keeps their episode.
    public async Task<WriteOutcome<AlertRow>> SendAsync(Guid alertId, int expectedVersion, CancellationToken ct)
    {
        var alert = await db.GreenChannelAlerts.FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null) return new WriteOutcome<AlertRow>.NotFound();
        if (alert.Version != expectedVersion) return new WriteOutcome<AlertRow>.Stale(alert.Version);
        if (alert.Status != AlertStatus.Open) return new WriteOutcome<AlertRow>.Invalid(new FieldErrors().Add("status", "该预警已处理 / this alert has been handled"));
        var resident = await db.KeyResidents.AsNoTracking().FirstAsync(k => k.Id == alert.KeyResidentId, ct);
        var lowOxygen = alert.CheckInId is { } c && await db.CheckIns.AnyAsync(x => x.Id == c && x.SpO2 < O.SpO2AlertBelow, ct);
        var severity = lowOxygen ? Severity.Severe : Severity.Moderate;
        var existing = await db.Patients.AsNoTracking()
            .FirstOrDefaultAsync(p => p.PersonId == resident.PersonId && p.Status != PatientStatus.Discharged && p.Status != PatientStatus.Died, ct);
        Guid patientId;
        if (existing is not null) patientId = existing.Id;
        else
        {
            var registered = await patients.RegisterAsync(new PatientInput(resident.PersonId, null, null, null, resident.DivisionCode, severity.ToString(),
                resident.Conditions.Length > 0, resident.Pregnant, Now), ct);
            if (registered is not WriteOutcome<Patient>.Done { Value: var patient })
                return new WriteOutcome<AlertRow>.Invalid(registered is WriteOutcome<Patient>.Invalid i ? i.Errors : new FieldErrors().Add("patient", "无法登记为患者 / cannot register as a patient"));
            patientId = patient.Id;
        }
        var request = await transport.RequestAsync(new TransportRequestInput("greenChannel", severity.ToString(), true, patientId, resident.DivisionCode,
            null, null, null, $"绿色通道：{alert.Reason}"), ct);
        if (request is not WriteOutcome<RequestView>.Done { Value: var view })
            return new WriteOutcome<AlertRow>.Invalid(request is WriteOutcome<RequestView>.Invalid ri ? ri.Errors : new FieldErrors().Add("transport", "转运请求未能创建 / the transport request was refused"));
        alert.Sent(patientId, view.Id, Now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("keypop.greenchannel", AuditOutcome.Success, "greenChannelAlert", alert.Id.ToString(),
            $"patient {patientId}, transport {view.Id}"), ct);
        return new WriteOutcome<AlertRow>.Done((await AlertsAsync(alert.Id, ct)).Single());
    }

    public async Task<List<AlertRow>> AlertsAsync(Guid? only, CancellationToken ct)
    {
        var q = db.GreenChannelAlerts.AsNoTracking();
        if (only is { } id) q = q.Where(a => a.Id == id);
        var alerts = await q.OrderBy(a => a.Status).ThenByDescending(a => a.RaisedAt).Take(200).ToListAsync(ct);
        var residentIds = alerts.Select(a => a.KeyResidentId).ToList();
        // Alerts, residents, patients and transport requests each through their own scope filter: an alert
        // shows the patient's state and hospital only when the caller may see that patient.
        var personOf = await db.KeyResidents.AsNoTracking().Where(k => residentIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.PersonId, ct);
        var people = await identities.OfAsync(personOf.Values, ct);
        var names = personOf.Where(x => people.ContainsKey(x.Value)).ToDictionary(x => x.Key, x => people[x.Value].Name);
        var patientIds = alerts.Select(a => a.PatientId).OfType<Guid>().ToList();
        var states = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Status, p.FacilityId }).ToDictionaryAsync(p => p.Id, ct);
        var facilityIds = states.Values.Select(s => s.FacilityId).OfType<Guid>().ToList();
        // unscoped: hospital names are reference data
        var facilities = await db.Facilities.IgnoreQueryFilters().Where(f => facilityIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var requestIds = alerts.Select(a => a.TransportRequestId).OfType<Guid>().ToList();
        var requests = await db.TransportRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status.ToString(), ct);
        return alerts.Select(a =>
        {
            var state = a.PatientId is { } p && states.TryGetValue(p, out var s) ? s : null;
            return new AlertRow(a.Id, a.KeyResidentId, Masking.Name(names.GetValueOrDefault(a.KeyResidentId)), a.DivisionCode, a.Reason, a.RaisedAt,
                a.Status.ToString(), a.PatientId, state?.Status.ToString(), state?.FacilityId is { } f ? facilities.GetValueOrDefault(f) : null,
                a.TransportRequestId, a.TransportRequestId is { } r ? requests.GetValueOrDefault(r) : null, a.Version);
        }).ToList();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

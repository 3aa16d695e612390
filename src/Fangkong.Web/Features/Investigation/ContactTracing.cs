using Fangkong.Core.Divisions;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Investigation;

public sealed record ContactInput(Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? DivisionCode, string? Kind,
    Guid? ViaContactId, string? Exposure, DateTime? LastExposureAt, string? Quarantine, Guid? FacilityId, bool? Share);

public sealed record QuarantineInput(string? Kind, Guid? FacilityId, DateTime? Start);

public sealed record FollowUpInput(bool? Symptoms, string? Note, decimal? Temperature, string? Test);

public sealed record PositiveInput(string? Severity, DateTime? DetectedAt);

public sealed record ContactView(Guid Id, Guid CaseId, string? CaseNumber, Guid PersonId, MaskedPerson Person, string ResidenceDivisionCode, string? ResidenceName,
    ContactKind Kind, Guid? ViaContactId, string Exposure, DateTime LastExposureAt, ContactStatus Status, DateTime IdentifiedAt,
    QuarantineKind? Quarantine, DateTime? QuarantineStart, DateOnly? QuarantineEnd, int FollowUpsDone, int FollowUpsDue, int FollowUpsOverdue,
    Guid? ResultCaseId, bool OutsideOwnerDistrict, bool Shared, int Version);

public sealed record FollowUpView(Guid Id, Guid ContactId, MaskedPerson Person, string ResidenceDivisionCode, ContactKind Kind, DateOnly Day,
    DateTime DueAt, bool TestDue, bool Overdue, DateTime? DoneAt, bool? Symptoms, decimal? Temperature, TestOutcome? Test, int ContactVersion);

public sealed record WorkloadRow(string DivisionCode, string? Name, int QuarantinedContacts, int DueToday, int DoneToday, int Overdue);

// Close and secondary contacts of a case: identification, quarantine with its daily follow-ups and
// test days (generated when quarantine starts), the outcome (released at the end, turned positive →
// a new case one generation down, lost to follow-up), and the explicit share with the jurisdiction
// where a contact lives.
public sealed class ContactTracing(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock, IOptions<InvestigationOptions> options,
    InvestigationPeople people, CaseDesk cases, CrossDistrictLinks links, IServiceProvider services)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private InvestigationOptions Options => options.Value;

    public async Task<WriteOutcome<ContactView>> AddAsync(Guid caseId, ContactInput input, CancellationToken ct)
    {
        var source = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (source is null) return new WriteOutcome<ContactView>.NotFound();
        if (!user.Jurisdiction.CoversDivision(source.DivisionCode))
            return new WriteOutcome<ContactView>.Forbidden(new FieldErrors().Add("case", "不在您的管辖范围内 / outside your jurisdiction"));
        var errors = new FieldErrors();
        if (!source.IsOpen) errors.Add("case", $"{source.Number} 已结案或已排除 / is closed or ruled out");
        var kind = ContactKind.Close;
        if (!string.IsNullOrWhiteSpace(input.Kind) && !Parse.Name(input.Kind, out kind)) errors.Add("kind", "只能是 Close 或 Secondary / must be Close or Secondary");
        Contact? via = null;
        if (kind == ContactKind.Secondary)
        {
            if (input.ViaContactId is not { } viaId) errors.Add("viaContactId", "次密接须指明经由的密接 / a secondary contact names the close contact it came through");
            else
            {
                via = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == viaId && c.CaseId == caseId, ct);
                if (via is null || via.Kind != ContactKind.Close) errors.Add("viaContactId", "须为本病例的密接 / must be a close contact of this case");
            }
        }
        var exposure = input.Exposure?.Trim() ?? "";
        if (exposure.Length == 0) errors.Add("exposure", "必填：接触方式、地点 / required: how and where");
        else if (exposure.Length > 500) errors.Add("exposure", "最长 500 字 / at most 500 characters");
        if (input.LastExposureAt is not { } last) errors.Add("lastExposureAt", "必填 / required");
        else if (last > Now.AddMinutes(5) || last < Now.AddDays(-21)) errors.Add("lastExposureAt", "须在过去 21 天内 / must be within the last 21 days");
        QuarantineKind? quarantine = null;
        if (!string.IsNullOrWhiteSpace(input.Quarantine))
        {
            if (Parse.Name<QuarantineKind>(input.Quarantine, out var q)) quarantine = q;
            else errors.Add("quarantine", "只能是 Central 或 Home / must be Central or Home");
        }
        if (quarantine == QuarantineKind.Central) await CheckFacilityAsync(input.FacilityId, errors, ct);
        if (errors.Any) return new WriteOutcome<ContactView>.Invalid(errors);

        var person = await people.ResolveAsync(new PersonRef(input.PersonId, input.Name, input.IdNumber, input.Phone, input.DivisionCode), errors, residenceMustBeInScope: false, ct);
        if (person is null) return new WriteOutcome<ContactView>.Invalid(errors);
        if (person.Id == source.PersonId) return Invalid("idNumber", "病例本人不能是自己的密接 / the case cannot be its own contact");
        // The case's contacts are keyed by the case's district, so the caller (who sees the case) sees them all.
        if (await db.Contacts.AnyAsync(c => c.CaseId == caseId && c.PersonId == person.Id, ct))
            return Invalid("idNumber", "此人已是本病例的接触者 / already a contact of this case");
        // Only cases the caller sees: an ID number typed here must not tell whether someone elsewhere is a confirmed case.
        if (await db.Cases.AnyAsync(c => c.PersonId == person.Id && c.Status == CaseStatus.Active && c.Category == CaseCategory.Confirmed, ct))
            return Invalid("idNumber", "此人已是确诊病例 / this person is already a confirmed case");

        var residence = string.IsNullOrWhiteSpace(input.DivisionCode) ? person.DivisionCode : input.DivisionCode.Trim();
        var contact = Contact.Identify(Guid.CreateVersion7(), source, via, person.Id, residence, kind, exposure, input.LastExposureAt!.Value, user.UserName, Now);
        db.Contacts.Add(contact);
        if (input.Share == true && IsOutsideOwnerDistrict(contact)) contact.ShareWithResidence(user.UserName, Now);
        if (quarantine is { } qk) StartQuarantine(contact, qk, input.FacilityId, Now);
        source.InvestigationProgressed(Now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("contact.add", AuditOutcome.Success, "contact", contact.Id.ToString(),
            $"{source.Number} {kind}{(contact.SharedAt is null ? "" : " shared=" + DivisionCodes.DistrictOf(residence))}"), ct);
        await ChangedAsync(person.Id, ct);
        return new WriteOutcome<ContactView>.Done((await ViewAsync(contact.Id, ct))!);
    }

    public Task<WriteOutcome<ContactView>> QuarantineAsync(Guid id, int expectedVersion, QuarantineInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "contact.quarantine", async (c, errors) =>
        {
            if (c.Status != ContactStatus.Identified) errors.Add("status", "已在隔离或已结束 / already quarantined or ended");
            if (!Parse.Name<QuarantineKind>(input.Kind, out var kind)) errors.Add("kind", "只能是 Central 或 Home / must be Central or Home");
            else if (kind == QuarantineKind.Central) await CheckFacilityAsync(input.FacilityId, errors, ct);
            var start = input.Start ?? Now;
            if (start > Now.AddMinutes(5) || start < c.IdentifiedAt.AddDays(-1)) errors.Add("start", "须在识别之后、当前之前 / must lie between identification and now");
            if (!errors.Any) StartQuarantine(c, kind, input.FacilityId, start);
        }, ct);

    public async Task<WriteOutcome<ContactView>> RecordFollowUpAsync(Guid followUpId, FollowUpInput input, CancellationToken ct)
    {
        var followUp = await db.FollowUps.FirstOrDefaultAsync(f => f.Id == followUpId, ct);
        if (followUp is null) return new WriteOutcome<ContactView>.NotFound();
        var contact = await db.Contacts.FirstAsync(c => c.Id == followUp.ContactId && c.DistrictCode == followUp.DistrictCode, ct);
        if (!Covers(contact)) return new WriteOutcome<ContactView>.Forbidden(new FieldErrors().Add("contact", "不在您的管辖范围内 / outside your jurisdiction"));
        var errors = new FieldErrors();
        if (followUp.DoneAt is not null) errors.Add("followUp", "已随访 / already recorded");
        if (followUp.Cancelled || contact.Status != ContactStatus.Quarantined) errors.Add("followUp", "该接触者已不在隔离中 / the contact is no longer in quarantine");
        if (followUp.Day > ChinaTime.Today(clock)) errors.Add("day", "不能提前随访 / this day has not come yet");
        if (input.Symptoms is null) errors.Add("symptoms", "必填 / required");
        if (input.Temperature is { } t && (t < 34m || t > 43m)) errors.Add("temperature", "须在 34–43 ℃ / must be 34 to 43 °C");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 500 }) errors.Add("note", "最长 500 字 / at most 500 characters");
        TestOutcome? test = null;
        if (!string.IsNullOrWhiteSpace(input.Test))
        {
            if (Parse.Name<TestOutcome>(input.Test, out var o)) test = o;
            else errors.Add("test", "只能是 Negative 或 Positive / must be Negative or Positive");
        }
        else if (followUp.TestDue) errors.Add("test", "今日为核酸检测日，须填写结果 / a test is due today: give its result");
        if (errors.Any) return new WriteOutcome<ContactView>.Invalid(errors);
        followUp.Record(input.Symptoms!.Value, note, input.Temperature, test, user.UserName, Now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("contact.followUp", AuditOutcome.Success, "contact", contact.Id.ToString(),
            $"{followUp.Day:yyyy-MM-dd} test={test?.ToString() ?? "-"}"), ct);
        // A positive test turns the contact into a confirmed case (asymptomatic until assessed).
        if (test == TestOutcome.Positive)
            await cases.OpenCoreAsync(contact.PersonId, contact.ResidenceDivisionCode, CaseCategory.Confirmed,
                input.Symptoms == true ? Severity.Mild : Severity.Asymptomatic, null, Now, DetectionRoute.Quarantine, null, null, ct);
        return new WriteOutcome<ContactView>.Done((await ViewAsync(contact.Id, ct))!);
    }

    // A positive result reported outside the daily follow-up (a lab, a hospital).
    public async Task<WriteOutcome<ContactView>> TurnPositiveAsync(Guid id, int expectedVersion, PositiveInput input, CancellationToken ct)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return new WriteOutcome<ContactView>.NotFound();
        if (contact.Version != expectedVersion) return new WriteOutcome<ContactView>.Stale(contact.Version);
        if (!Covers(contact)) return new WriteOutcome<ContactView>.Forbidden(new FieldErrors().Add("contact", "不在您的管辖范围内 / outside your jurisdiction"));
        var errors = new FieldErrors();
        if (!contact.UnderControl) errors.Add("status", "接触者管理已结束 / the contact's management has ended");
        if (!Parse.Name<Severity>(input.Severity, out var severity)) errors.Add("severity", "必填：病情分级 / required: severity");
        var detected = input.DetectedAt ?? Now;
        if (detected > Now.AddMinutes(5) || detected < contact.IdentifiedAt.AddDays(-2)) errors.Add("detectedAt", "须在识别之后、当前之前 / must lie between identification and now");
        if (errors.Any) return new WriteOutcome<ContactView>.Invalid(errors);
        await cases.OpenCoreAsync(contact.PersonId, contact.ResidenceDivisionCode, CaseCategory.Confirmed, severity, null, detected, DetectionRoute.Quarantine, null, null, ct);
        return new WriteOutcome<ContactView>.Done((await ViewAsync(id, ct))!);
    }

    // Released only when the planned end has come and no test came back positive.
    public Task<WriteOutcome<ContactView>> ReleaseAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "contact.release", async (c, errors) =>
        {
            if (c.Status != ContactStatus.Quarantined) { errors.Add("status", "未在隔离中 / not in quarantine"); return; }
            if (c.QuarantineEnd is { } end && end > ChinaTime.Today(clock)) errors.Add("quarantineEnd", $"隔离期至 {end:yyyy-MM-dd} / quarantine runs until {end:yyyy-MM-dd}");
            var missingTests = await db.FollowUps.CountAsync(f => f.ContactId == c.Id && f.TestDue && f.Test == null && !f.Cancelled, ct);
            if (missingTests > 0) errors.Add("tests", $"尚有 {missingTests} 次核酸未完成 / {missingTests} scheduled tests have no result");
            if (errors.Any) return;
            c.Release(Now);
            await CancelOpenFollowUpsAsync(c, ct);
        }, ct);

    public Task<WriteOutcome<ContactView>> LostAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "contact.lost", async (c, errors) =>
        {
            if (!c.UnderControl) { errors.Add("status", "接触者管理已结束 / the contact's management has ended"); return; }
            c.Lost(Now);
            await CancelOpenFollowUpsAsync(c, ct);
        }, ct);

    // The explicit, audited share with the district where the contact lives.
    public Task<WriteOutcome<ContactView>> ShareAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "contact.share", async (c, errors) =>
        {
            if (!IsOutsideOwnerDistrict(c)) errors.Add("residence", "接触者住在本区，无需共享 / the contact lives in this district");
            else if (c.SharedAt is not null) errors.Add("shared", "已共享 / already shared");
            if (errors.Any) return;
            c.ShareWithResidence(user.UserName, Now);
            foreach (var f in await db.FollowUps.Where(f => f.ContactId == c.Id).ToListAsync(ct)) f.ShareWithResidence();
        }, ct, ownerOnly: true);

    public async Task<List<ContactView>> ForCaseAsync(Case c, CancellationToken ct)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(x => x.CaseId == c.Id && x.DistrictCode == c.DistrictCode)
            .OrderBy(x => x.Kind).ThenBy(x => x.IdentifiedAt).ToListAsync(ct);
        return await ViewsAsync(contacts, ct);
    }

    public async Task<ContactView?> ViewAsync(Guid id, CancellationToken ct)
    {
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return contact is null ? null : (await ViewsAsync([contact], ct))[0];
    }

    public async Task<Page<ContactView>> ListAsync(string? status, string? division, Paging paging, CancellationToken ct)
    {
        var q = db.Contacts.AsNoTracking();
        if (Parse.Name<ContactStatus>(status, out var s)) q = q.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(division) && DivisionCodes.IsWellFormed(division.Trim()))
        {
            var prefix = division.Trim();
            q = q.Where(c => c.ResidenceDivisionCode.StartsWith(prefix) || c.DivisionCode.StartsWith(prefix));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.IdentifiedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<ContactView>(await ViewsAsync(rows, ct), paging.Page, paging.PageSize, total);
    }

    // The follow-ups due up to today in scope (the residence team's work list), overdue first.
    public async Task<IReadOnlyList<FollowUpView>> DueAsync(string? division, bool overdueOnly, int take, CancellationToken ct)
    {
        var now = Now;
        var today = ChinaTime.Today(clock);
        var q = db.FollowUps.AsNoTracking().Where(f => f.DoneAt == null && !f.Cancelled && f.Day <= today);
        if (overdueOnly) q = q.Where(f => f.DueAt < now);
        if (!string.IsNullOrWhiteSpace(division) && DivisionCodes.IsWellFormed(division.Trim()))
        {
            var prefix = division.Trim();
            q = q.Where(f => f.ResidenceDivisionCode.StartsWith(prefix));
        }
        var rows = await q.OrderBy(f => f.DueAt).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        var contactIds = rows.Select(r => r.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var masked = await people.MaskedAsync(contacts.Values.Select(c => c.PersonId), ct);
        return rows.Where(r => contacts.ContainsKey(r.ContactId)).Select(r =>
        {
            var c = contacts[r.ContactId];
            return new FollowUpView(r.Id, c.Id, masked[c.PersonId], c.ResidenceDivisionCode, c.Kind, r.Day, r.DueAt, r.TestDue, r.IsOverdue(now),
                r.DoneAt, r.Symptoms, r.Temperature, r.Test, c.Version);
        }).ToList();
    }

    // Team workload by the residence's child divisions of `division`: contacts in quarantine, follow-ups
    // due today and done today, and overdue ones — grouped in the database, not in memory.
    public async Task<IReadOnlyList<WorkloadRow>> WorkloadAsync(string division, CancellationToken ct)
    {
        var now = Now;
        var today = ChinaTime.Today(clock);
        var length = DivisionCodes.ChildLength(division);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.ResidenceDivisionCode.StartsWith(division) && !f.Cancelled && f.Day <= today
                && (f.DoneAt == null || f.Day == today))
            .GroupBy(f => f.ResidenceDivisionCode.Substring(0, length))
            .Select(g => new
            {
                Code = g.Key,
                DueToday = g.Count(f => f.Day == today),
                DoneToday = g.Count(f => f.Day == today && f.DoneAt != null),
                Overdue = g.Count(f => f.DoneAt == null && f.DueAt < now),
            }).ToListAsync(ct);
        var quarantined = await db.Contacts.AsNoTracking().Where(c => c.ResidenceDivisionCode.StartsWith(division) && c.Status == ContactStatus.Quarantined)
            .GroupBy(c => c.ResidenceDivisionCode.Substring(0, length)).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);
        var codes = followUps.Select(f => f.Code).Union(quarantined.Keys).ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var byCode = followUps.ToDictionary(f => f.Code);
        return codes.Select(code => new WorkloadRow(code, names.GetValueOrDefault(code), quarantined.GetValueOrDefault(code),
                byCode.TryGetValue(code, out var f) ? f.DueToday : 0, f?.DoneToday ?? 0, f?.Overdue ?? 0))
            .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.DueToday).ThenBy(r => r.DivisionCode).ToList();
    }

    private void StartQuarantine(Contact contact, QuarantineKind kind, Guid? facilityId, DateTime start)
    {
        var days = contact.Kind == ContactKind.Close ? Options.CloseContactDays : Options.SecondaryContactDays;
        var testDays = (contact.Kind == ContactKind.Close ? Options.CloseContactTestDays : Options.SecondaryContactTestDays).ToHashSet();
        // Counted from the last exposure (day 1 is the day after it), as the protocol counts.
        var firstDay = DateOnly.FromDateTime(ChinaTime.FromUtc(contact.LastExposureAt)).AddDays(1);
        var startDay = DateOnly.FromDateTime(ChinaTime.FromUtc(start));
        var end = firstDay.AddDays(days - 1);
        if (end < startDay) end = startDay;
        contact.Quarantine(kind, kind == QuarantineKind.Central ? facilityId : null, start, end, Now);
        for (var day = startDay > firstDay ? startDay : firstDay; day <= end; day = day.AddDays(1))
        {
            var number = day.DayNumber - firstDay.DayNumber + 1;
            // Due by the end of the day, China time.
            var due = ChinaTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            db.FollowUps.Add(new FollowUp(Guid.CreateVersion7(), contact, day, due, testDays.Contains(number)));
        }
    }

    private async Task CheckFacilityAsync(Guid? facilityId, FieldErrors errors, CancellationToken ct)
    {
        if (facilityId is not { } id) { errors.Add("facilityId", "集中隔离须指定隔离点 / central quarantine names the facility"); return; }
        // unscoped: facilities are reference data (a quarantine hotel of another district may host the contact); kind only is read
        var facility = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (facility is null) errors.Add("facilityId", "没有这个机构 / no such facility");
        else if (facility.Kind != Facilities.FacilityKind.QuarantineHotel)
            errors.Add("facilityId", "须为集中隔离点 / must be a quarantine hotel");
    }

    private async Task CancelOpenFollowUpsAsync(Contact c, CancellationToken ct)
    {
        foreach (var f in await db.FollowUps.Where(f => f.ContactId == c.Id && f.DoneAt == null && !f.Cancelled).ToListAsync(ct)) f.Cancel();
    }

    private async Task<WriteOutcome<ContactView>> StepAsync(Guid id, int expectedVersion, string action, Func<Contact, FieldErrors, Task> step,
        CancellationToken ct, bool ownerOnly = false)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return new WriteOutcome<ContactView>.NotFound();
        if (contact.Version != expectedVersion) return new WriteOutcome<ContactView>.Stale(contact.Version);
        if (ownerOnly ? !user.Jurisdiction.CoversDivision(contact.DivisionCode) : !Covers(contact))
            return new WriteOutcome<ContactView>.Forbidden(new FieldErrors().Add("contact", "不在您的管辖范围内 / outside your jurisdiction"));
        var errors = new FieldErrors();
        await step(contact, errors);
        if (errors.Any) return new WriteOutcome<ContactView>.Invalid(errors);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<ContactView>.Stale(await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Version).FirstAsync(ct));
        }
        await audit.AppendAsync(user.Actor, new AuditEvent(action, AuditOutcome.Success, "contact", contact.Id.ToString(), $"{contact.Kind} {contact.Status}"), ct);
        await ChangedAsync(contact.PersonId, ct);
        return new WriteOutcome<ContactView>.Done((await ViewAsync(id, ct))!);
    }

    // The owner (the case's side) and, once shared, the residence's side may act on a contact.
    private bool Covers(Contact c) =>
        user.Jurisdiction.CoversDivision(c.DivisionCode) || (c.SharedAt is not null && user.Jurisdiction.CoversDivision(c.ResidenceDivisionCode));

    private static bool IsOutsideOwnerDistrict(Contact c) => DivisionCodes.DistrictOf(c.ResidenceDivisionCode) != c.DistrictCode;

    private async Task<List<ContactView>> ViewsAsync(List<Contact> contacts, CancellationToken ct)
    {
        var now = Now;
        var today = ChinaTime.Today(clock);
        var ids = contacts.Select(c => c.Id).ToList();
        var followUps = await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.ContactId) && !f.Cancelled)
            .GroupBy(f => f.ContactId)
            .Select(g => new { Id = g.Key, Done = g.Count(f => f.DoneAt != null), Due = g.Count(f => f.DoneAt == null && f.Day <= today), Overdue = g.Count(f => f.DoneAt == null && f.DueAt < now) })
            .ToDictionaryAsync(x => x.Id, ct);
        var masked = await people.MaskedAsync(contacts.Select(c => c.PersonId), ct);
        var caseIds = contacts.Select(c => c.CaseId).Distinct().ToList();
        var numbers = await links.NumbersAsync(caseIds, ct);
        var codes = contacts.Select(c => c.ResidenceDivisionCode).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return contacts.Select(c =>
        {
            followUps.TryGetValue(c.Id, out var f);
            return new ContactView(c.Id, c.CaseId, numbers.GetValueOrDefault(c.CaseId), c.PersonId, masked.GetValueOrDefault(c.PersonId) ?? new MaskedPerson("?", "?", "?", 0, "?"),
                c.ResidenceDivisionCode, names.GetValueOrDefault(c.ResidenceDivisionCode), c.Kind, c.ViaContactId, c.Exposure, c.LastExposureAt, c.Status,
                c.IdentifiedAt, c.QuarantineKind, c.QuarantineStart, c.QuarantineEnd, f?.Done ?? 0, f?.Due ?? 0, f?.Overdue ?? 0, c.ResultCaseId,
                IsOutsideOwnerDistrict(c), c.SharedAt is not null, c.Version);
        }).ToList();
    }

    private async Task ChangedAsync(Guid personId, CancellationToken ct)
    {
        if (services.GetService<IHealthStatusChanges>() is { } changes) await changes.PersonChangedAsync(personId, ct);
    }

    private static WriteOutcome<ContactView> Invalid(string field, string message) => new WriteOutcome<ContactView>.Invalid(new FieldErrors().Add(field, message));
}

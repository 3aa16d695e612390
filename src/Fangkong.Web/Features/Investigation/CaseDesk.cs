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

public sealed record CaseInput(Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? DivisionCode, string? Category,
    string? Severity, DateOnly? OnsetDate, DateTime? DetectedAt, string? Route, string? WorkDivisionCode, string? Investigator);

public sealed record ExposureInput(string? Kind, string? Place, string? PlaceDivisionCode, DateTime? From, DateTime? To, string? Note);

public sealed record SourceInput(string? InfectorNumber, string? Note);

public sealed record CaseStepInput(string? Severity, string? Summary, string? Investigator, DateTime? At);

public sealed record CaseFilter(string? Category = null, string? Status = null, bool? InvestigationOverdue = null, string? Division = null,
    string? Search = null, bool? Mine = null);

public sealed record CaseView(Guid Id, string Number, MaskedPerson Person, string DivisionCode, string? DivisionName, CaseCategory Category,
    Severity? Severity, DateOnly? OnsetDate, DateTime DetectedAt, DetectionRoute Route, CaseStatus Status, string? InfectorNumber,
    Guid? InfectorCaseId, Guid ClusterId, int Generation, bool SourceKnown, string? SourceNote, string? Investigator, DateTime InvestigationDueAt,
    InvestigationStatus InvestigationStatus, bool InvestigationOverdue, DateTime? IsolatedAt, DateTime? AdmittedAt, Guid? PatientId,
    string? Summary, int Version);

public sealed record ExposureView(Guid Id, ExposureKind Kind, string Place, string? PlaceDivisionCode, DateTime From, DateTime To, string? Note, string? By);

public sealed record CaseDetails(CaseView Case, IReadOnlyList<ExposureView> Exposures, IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<CaseLink> Infectees);

public sealed record CaseLink(Guid Id, string Number, CaseCategory Category, DateTime DetectedAt, bool Visible);

// Cases and their investigations (流调): open a case (by hand, or through ICaseIntake from screening or
// a contact who turned positive), assign and run the investigation with its deadline, record places
// and exposures, link the source (the chain), move the case through isolation and hand it over to the
// treatment module. Every write is audited and tells the health-status service the person changed.
public sealed class CaseDesk(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock, IOptions<InvestigationOptions> options,
    InvestigationPeople people, LineListCounts counts, PatientFlow patients, CrossDistrictLinks links, IServiceProvider services) : ICaseIntake
{
    public const int MaxText = 2000;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private InvestigationOptions Options => options.Value;

    public async Task<WriteOutcome<CaseDetails>> OpenAsync(CaseInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = CaseCategory.Confirmed;
        if (string.IsNullOrWhiteSpace(input.Category)) errors.Add("category", "必填 / required");
        else if (!Parse.Name(input.Category, out category)) errors.Add("category", "只能是 Fever、Suspected 或 Confirmed / must be Fever, Suspected or Confirmed");
        Severity? severity = null;
        if (!string.IsNullOrWhiteSpace(input.Severity))
        {
            if (Parse.Name<Severity>(input.Severity, out var s)) severity = s;
            else errors.Add("severity", "未知病情分级 / unknown severity");
        }
        else if (category == CaseCategory.Confirmed) errors.Add("severity", "确诊病例须填写病情分级 / a confirmed case needs a severity");
        var route = DetectionRoute.Other;
        if (!string.IsNullOrWhiteSpace(input.Route) && !Parse.Name(input.Route, out route)) errors.Add("route", "未知发现途径 / unknown detection route");
        var detected = input.DetectedAt ?? Now;
        if (detected > Now.AddHours(1) || detected < Now.AddDays(-60)) errors.Add("detectedAt", "须在过去 60 天内 / must be within the last 60 days");
        var today = ChinaTime.Today(clock);
        if (input.OnsetDate is { } onset && (onset > today || onset < today.AddDays(-60))) errors.Add("onsetDate", "须在过去 60 天内 / must be within the last 60 days");
        var work = string.IsNullOrWhiteSpace(input.WorkDivisionCode) ? null : input.WorkDivisionCode.Trim();
        if (work is not null && !await db.Divisions.AnyAsync(d => d.Code == work, ct)) errors.Add("workDivisionCode", "区划不存在 / unknown division");
        var investigator = string.IsNullOrWhiteSpace(input.Investigator) ? user.UserName : input.Investigator.Trim();
        if (investigator is { Length: > 256 }) errors.Add("investigator", "最长 256 字符 / at most 256 characters");
        if (errors.Any) return new WriteOutcome<CaseDetails>.Invalid(errors);

        var person = await people.ResolveAsync(new PersonRef(input.PersonId, input.Name, input.IdNumber, input.Phone, input.DivisionCode), errors, residenceMustBeInScope: true, ct);
        if (person is null) return new WriteOutcome<CaseDetails>.Invalid(errors);
        var residence = string.IsNullOrWhiteSpace(input.DivisionCode) ? person.DivisionCode : input.DivisionCode.Trim();
        if (!user.Jurisdiction.CoversDivision(residence))
            return new WriteOutcome<CaseDetails>.Forbidden(new FieldErrors().Add("divisionCode", "住址不在管辖范围内 / residence outside your jurisdiction"));
        // One open case per person, wherever it was opened (the person is in the caller's scope).
        if (await links.HasOpenCaseAsync(person.Id, ct))
            return Invalid("idNumber", "此人已有未结案的病例 / this person already has an open case");

        var opened = await OpenCoreAsync(person.Id, residence, category, severity, input.OnsetDate, detected, route, work, investigator, ct);
        return new WriteOutcome<CaseDetails>.Done((await FindAsync(opened.Id, ct))!);
    }

    // ICaseIntake: a positive reported by another module (screening retest, a lab). Opens a confirmed
    // case (asymptomatic until assessed) or confirms the person's open one; unassigned, so it appears
    // on the investigators' task list of its district.
    public async Task<Guid> ReportPositiveAsync(Guid personId, DateTime detectedAtUtc, DetectionRoute route, string? note, CancellationToken ct)
    {
        // Read in the reporter's scope: a person or open case it may not see is reported by hand (the
        // caller records the failed intake), never opened twice or looked up around the filter.
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new InvalidOperationException($"unknown person {personId} or outside the reporter's jurisdiction");
        var open = await db.Cases.FirstOrDefaultAsync(c => c.PersonId == personId && c.Status == CaseStatus.Active, ct);
        if (open is null && await links.HasOpenCaseAsync(personId, ct))
            throw new InvalidOperationException($"the open case of person {personId} is outside the reporter's jurisdiction");
        if (open is not null)
        {
            if (open.Category != CaseCategory.Confirmed)
            {
                open.Confirm(open.Severity ?? Severity.Asymptomatic, detectedAtUtc);
                await db.SaveChangesAsync(ct);
                await ConfirmedAsync(open.DivisionCode, detectedAtUtc, open.Severity!.Value, ct);
                await ChangedAsync(personId, ct);
            }
            return open.Id;
        }
        var opened = await OpenCoreAsync(personId, person.DivisionCode, CaseCategory.Confirmed, Severity.Asymptomatic, null, detectedAtUtc, route, null, null, ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("case.intake", AuditOutcome.Success, "case", opened.Id.ToString(), $"{opened.Number} {route} {note}"), ct);
        return opened.Id;
    }

    // Opens the case; a person who is a contact under control turns positive here: the contact closes
    // with the new case and the case joins the chain one generation below the contact's source.
    internal async Task<Case> OpenCoreAsync(Guid personId, string residence, CaseCategory category, Severity? severity, DateOnly? onset,
        DateTime detected, DetectionRoute route, string? work, string? investigator, CancellationToken ct)
    {
        var now = Now;
        var id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero));
        var opened = Case.Open(id, NumberFor(id, now, residence), personId, residence, category, severity, onset, detected, route, work, investigator,
            now.AddHours(Options.InvestigationHours), now);
        db.Cases.Add(opened);
        // The person may be a contact on either side of a district line: the chain and the contact
        // records follow the positive wherever they are (link fields only, see CrossDistrictLinks).
        var asContact = category == CaseCategory.Confirmed ? await links.OpenContactsOfAsync(personId, ct) : [];
        var ids = asContact.Select(c => c.Id).ToList();
        if (asContact.Count > 0)
        {
            var first = asContact[0];
            var infector = await InfectorForAsync(first, ct);
            if (infector is not null) opened.InfectedBy(infector.Id, infector.ClusterId, infector.Generation, now);
            else opened.SourceFound($"次密接 / secondary contact of {first.CaseId}", now);
            if (first.QuarantineStart is { } q) opened.Isolate(q, now);
            // Those the caller sees change here, with the case; the others right after it is saved.
            foreach (var c in await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(ct)) c.TurnedPositive(opened.Id, now);
            foreach (var f in await db.FollowUps.Where(f => ids.Contains(f.ContactId) && f.DoneAt == null && !f.Cancelled).ToListAsync(ct))
                f.Cancel();
        }
        await db.SaveChangesAsync(ct);
        await links.ContactsTurnedPositiveAsync(ids, opened.Id, now, ct);
        if (category == CaseCategory.Confirmed) await ConfirmedAsync(residence, detected, severity ?? Severity.Asymptomatic, ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("case.open", AuditOutcome.Success, "case", opened.Id.ToString(),
            $"{opened.Number} {category} {route}{(opened.InfectorCaseId is null ? "" : " infector=" + opened.InfectorCaseId)}"), ct);
        await ChangedAsync(personId, ct);
        return opened;
    }

    // A close contact's infector is the case that named them; a secondary contact's, the close
    // contact through whom they were exposed — if that contact has itself turned positive.
    private async Task<CaseLinkRow?> InfectorForAsync(OpenContactRow contact, CancellationToken ct)
    {
        if (contact.Kind == ContactKind.Close) return await links.ByIdAsync(contact.CaseId, ct);
        if (contact.ViaContactId is not { } via) return null;
        return await links.ResultCaseOfContactAsync(via, ct) is { } resultCase ? await links.ByIdAsync(resultCase, ct) : null;
    }

    public Task<WriteOutcome<CaseDetails>> AddExposureAsync(Guid id, int expectedVersion, ExposureInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.exposure", async (c, errors) =>
        {
            var kind = ExposureKind.Visit;
            if (!string.IsNullOrWhiteSpace(input.Kind) && !Parse.Name(input.Kind, out kind)) errors.Add("kind", "只能是 Visit 或 Exposure / must be Visit or Exposure");
            var place = input.Place?.Trim() ?? "";
            if (place.Length == 0) errors.Add("place", "必填 / required");
            else if (place.Length > 300) errors.Add("place", "最长 300 字 / at most 300 characters");
            var placeCode = string.IsNullOrWhiteSpace(input.PlaceDivisionCode) ? null : input.PlaceDivisionCode.Trim();
            if (placeCode is not null && !await db.Divisions.AnyAsync(d => d.Code == placeCode, ct)) errors.Add("placeDivisionCode", "区划不存在 / unknown division");
            if (input.From is null) errors.Add("from", "必填 / required");
            if (input.To is null) errors.Add("to", "必填 / required");
            if (input.From is { } f && input.To is { } t)
            {
                if (t < f) errors.Add("to", "结束不能早于开始 / ends before it starts");
                if (f < Now.AddDays(-30) || t > Now.AddHours(1)) errors.Add("from", "须在过去 30 天内 / must be within the last 30 days");
            }
            var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            if (note is { Length: > MaxText }) errors.Add("note", $"最长 {MaxText} 字符 / at most {MaxText} characters");
            if (errors.Any) return;
            db.CaseExposures.Add(new CaseExposure(Guid.CreateVersion7(), c, kind, place, placeCode, input.From!.Value, input.To!.Value, note, user.UserName, Now));
            c.InvestigationProgressed(Now);
        }, ct);

    // Links the source: an infector case (by number, which must not be the case itself or one of its
    // descendants — a chain has no cycles) or a note when the source lies outside the platform. The
    // case's descendants move with it to the infector's cluster.
    public Task<WriteOutcome<CaseDetails>> SetSourceAsync(Guid id, int expectedVersion, SourceInput input, CancellationToken ct)
    {
        var linked = false;
        return StepAsync(id, expectedVersion, "case.source", async (c, errors) =>
        {
            var number = input.InfectorNumber?.Trim();
            var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            if (string.IsNullOrEmpty(number) && note is null) { errors.Add("infectorNumber", "填写传染源病例编号或来源说明 / give the infector's case number or a note"); return; }
            if (note is { Length: > 500 }) errors.Add("note", "最长 500 字 / at most 500 characters");
            if (string.IsNullOrEmpty(number))
            {
                if (!errors.Any) c.SourceFound(note!, Now);
                return;
            }
            // The infector may live in another district: it is found by number (chains cross districts),
            // but only its number and category are shown to this side.
            var infector = await links.ByNumberAsync(number, ct);
            if (infector is null) { errors.Add("infectorNumber", "没有这个病例编号 / no case with this number"); return; }
            if (infector.Id == c.Id || await IsDescendantAsync(infector, c.Id, ct)) { errors.Add("infectorNumber", "会形成循环传播链 / would make the chain a cycle"); return; }
            if (errors.Any) return;
            c.InfectedBy(infector.Id, infector.ClusterId, infector.Generation, Now);
            linked = true;
            c.InvestigationProgressed(Now);
        }, ct,
        // Descendants (in any district) follow the case into the infector's cluster once it is saved.
        after: c => linked ? links.RechainDescendantsAsync(c.Id, c.ClusterId, c.Generation, Now, ct) : Task.CompletedTask);
    }

    private async Task<bool> IsDescendantAsync(CaseLinkRow candidate, Guid ancestor, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        for (Guid? at = candidate.InfectorCaseId; at is { } a && seen.Add(a);)
        {
            if (a == ancestor) return true;
            at = (await links.ByIdAsync(a, ct))?.InfectorCaseId;
        }
        return false;
    }

    public Task<WriteOutcome<CaseDetails>> AssignAsync(Guid id, int expectedVersion, CaseStepInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.assign", (c, errors) =>
        {
            var who = input.Investigator?.Trim() ?? "";
            if (who.Length == 0) errors.Add("investigator", "必填 / required");
            else if (who.Length > 256) errors.Add("investigator", "最长 256 字符 / at most 256 characters");
            if (!errors.Any) c.Assign(who, Now.AddHours(Options.InvestigationHours), Now);
            return Task.CompletedTask;
        }, ct);

    public Task<WriteOutcome<CaseDetails>> CompleteInvestigationAsync(Guid id, int expectedVersion, CaseStepInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.complete", (c, errors) =>
        {
            var summary = input.Summary?.Trim() ?? "";
            if (summary.Length == 0) errors.Add("summary", "必填：流调结论 / required: the investigation's conclusion");
            else if (summary.Length > MaxText) errors.Add("summary", $"最长 {MaxText} 字符 / at most {MaxText} characters");
            if (c.InvestigationStatus == InvestigationStatus.Completed) errors.Add("status", "流调已完成 / already completed");
            if (!errors.Any) c.CompleteInvestigation(summary, Now);
            return Task.CompletedTask;
        }, ct);

    public Task<WriteOutcome<CaseDetails>> ConfirmAsync(Guid id, int expectedVersion, CaseStepInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.confirm", (c, errors) =>
        {
            if (!Parse.Name<Severity>(input.Severity, out var severity)) errors.Add("severity", "必填：病情分级 / required: severity");
            if (c.Category == CaseCategory.Confirmed) errors.Add("category", "已是确诊病例 / already confirmed");
            if (!errors.Any) c.Confirm(severity, Now);
            return Task.CompletedTask;
        }, ct, after: c => ConfirmedAsync(c.DivisionCode, c.ConfirmedAt!.Value, c.Severity!.Value, ct));

    public Task<WriteOutcome<CaseDetails>> RuleOutAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.ruleOut", (c, errors) =>
        {
            if (c.Category == CaseCategory.Confirmed) errors.Add("category", "确诊病例不能排除 / a confirmed case cannot be ruled out");
            if (!errors.Any) c.RuleOut(Now);
            return Task.CompletedTask;
        }, ct);

    public Task<WriteOutcome<CaseDetails>> IsolateAsync(Guid id, int expectedVersion, CaseStepInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.isolate", (c, errors) =>
        {
            var at = input.At ?? Now;
            if (at > Now.AddMinutes(5) || at < c.DetectedAt.AddDays(-1)) errors.Add("at", "时间须在发现之后、当前之前 / must lie between detection and now");
            if (c.IsolatedAt is not null) errors.Add("status", "已隔离 / already isolated");
            if (!errors.Any) c.Isolate(at, Now);
            return Task.CompletedTask;
        }, ct);

    // Hands a confirmed case to the treatment module as a patient awaiting placement; its admission
    // there is what the four-categories board reads as "admitted".
    public Task<WriteOutcome<CaseDetails>> HandOverAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.handOver", async (c, errors) =>
        {
            if (c.Category != CaseCategory.Confirmed) { errors.Add("category", "仅确诊病例转入收治 / only confirmed cases go to treatment"); return; }
            if (c.PatientId is not null) { errors.Add("status", "已转入收治 / already handed over"); return; }
            var registered = await patients.RegisterAsync(new PatientInput(c.PersonId, null, null, null, c.DivisionCode, c.Severity?.ToString(),
                false, false, c.DetectedAt < Now.AddDays(-60) ? Now : c.DetectedAt), ct);
            if (registered is WriteOutcome<Patient>.Done { Value: var patient }) c.HandedOver(patient.Id, Now);
            else errors.Add("treatment", registered switch
            {
                WriteOutcome<Patient>.Invalid i => i.Errors.ToString(),
                WriteOutcome<Patient>.Forbidden f => f.Errors.ToString(),
                _ => "收治模块拒绝 / refused by the treatment module",
            });
        }, ct);

    public Task<WriteOutcome<CaseDetails>> CloseAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "case.close", (c, errors) =>
        {
            if (c.InvestigationStatus != InvestigationStatus.Completed) errors.Add("investigation", "流调未完成 / the investigation is not completed");
            if (!errors.Any) c.Close(Now);
            return Task.CompletedTask;
        }, ct);

    public async Task<Page<CaseView>> ListAsync(CaseFilter filter, Paging paging, CancellationToken ct)
    {
        var now = Now;
        var q = db.Cases.AsNoTracking();
        if (Parse.Name<CaseCategory>(filter.Category, out var category)) q = q.Where(c => c.Category == category);
        if (Parse.Name<CaseStatus>(filter.Status, out var status)) q = q.Where(c => c.Status == status);
        if (filter.InvestigationOverdue == true) q = q.Where(c => c.InvestigationStatus != InvestigationStatus.Completed && c.InvestigationDueAt < now);
        if (filter.Mine == true) q = q.Where(c => c.Investigator == user.UserName);
        if (!string.IsNullOrWhiteSpace(filter.Division) && DivisionCodes.IsWellFormed(filter.Division.Trim()))
        {
            var prefix = filter.Division.Trim();
            q = q.Where(c => c.DivisionCode.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search)) q = q.Where(c => c.Number == filter.Search.Trim());
        var total = await q.CountAsync(ct);
        var cases = await q.OrderBy(c => c.InvestigationStatus == InvestigationStatus.Completed).ThenBy(c => c.InvestigationDueAt).ThenBy(c => c.Number)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<CaseView>(await ViewsAsync(cases, ct), paging.Page, paging.PageSize, total);
    }

    public async Task<CaseDetails?> FindAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var exposures = await db.CaseExposures.AsNoTracking().Where(e => e.CaseId == id && e.DistrictCode == c.DistrictCode).OrderBy(e => e.From)
            .Select(e => new ExposureView(e.Id, e.Kind, e.Place, e.PlaceDivisionCode, e.From, e.To, e.Note, e.By)).ToListAsync(ct);
        var contacts = await services.GetRequiredService<ContactTracing>().ForCaseAsync(c, ct);
        // Infectees may live in other districts: shown by number and category, linked only when visible.
        var infectees = await links.InfecteesAsync(id, ct);
        return new CaseDetails((await ViewsAsync([c], ct))[0], exposures, contacts,
            infectees.Select(x => new CaseLink(x.Id, x.Number, x.Category, x.DetectedAt, user.Jurisdiction.CoversDivision(x.DivisionCode))).ToList());
    }

    private async Task<WriteOutcome<CaseDetails>> StepAsync(Guid id, int expectedVersion, string action, Func<Case, FieldErrors, Task> step,
        CancellationToken ct, Func<Case, Task>? after = null)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return new WriteOutcome<CaseDetails>.NotFound();
        if (c.Version != expectedVersion) return new WriteOutcome<CaseDetails>.Stale(c.Version);
        if (!user.Jurisdiction.CoversDivision(c.DivisionCode))
            return new WriteOutcome<CaseDetails>.Forbidden(new FieldErrors().Add("case", "不在您的管辖范围内 / outside your jurisdiction"));
        var errors = new FieldErrors();
        if (!c.IsOpen) return new WriteOutcome<CaseDetails>.Invalid(errors.Add("status", $"{c.Number} 已结案或已排除 / is closed or ruled out"));
        await step(c, errors);
        if (errors.Any) return new WriteOutcome<CaseDetails>.Invalid(errors);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<CaseDetails>.Stale(await db.Cases.AsNoTracking().Where(x => x.Id == id).Select(x => x.Version).FirstAsync(ct));
        }
        if (after is not null) await after(c);
        await audit.AppendAsync(user.Actor, new AuditEvent(action, AuditOutcome.Success, "case", c.Id.ToString(), $"{c.Number} {c.Category} {c.Status}"), ct);
        await ChangedAsync(c.PersonId, ct);
        return new WriteOutcome<CaseDetails>.Done((await FindAsync(id, ct))!);
    }

    internal async Task<List<CaseView>> ViewsAsync(List<Case> cases, CancellationToken ct)
    {
        var codes = cases.Select(c => c.DivisionCode).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var maskedPeople = await people.MaskedAsync(cases.Select(c => c.PersonId), ct);
        var infectorIds = cases.Where(c => c.InfectorCaseId != null).Select(c => c.InfectorCaseId!.Value).Distinct().ToList();
        var infectorNumbers = await links.NumbersAsync(infectorIds, ct);
        var admitted = await links.AdmissionsAsync(cases.Select(c => c.PatientId), ct);
        var now = Now;
        return cases.Select(c => new CaseView(c.Id, c.Number, maskedPeople.GetValueOrDefault(c.PersonId) ?? new MaskedPerson("?", "?", "?", 0, "?"),
            c.DivisionCode, names.GetValueOrDefault(c.DivisionCode), c.Category, c.Severity, c.OnsetDate, c.DetectedAt, c.Route, c.Status,
            c.InfectorCaseId is { } i ? infectorNumbers.GetValueOrDefault(i) : null, c.InfectorCaseId, c.ClusterId, c.Generation, c.SourceKnown,
            c.SourceNote, c.Investigator, c.InvestigationDueAt, c.InvestigationStatus,
            c.InvestigationStatus != InvestigationStatus.Completed && c.InvestigationDueAt < now, c.IsolatedAt,
            c.PatientId is { } p && admitted.TryGetValue(p, out var a) ? a : null, c.PatientId, c.Summary, c.Version)).ToList();
    }

    // A confirmation counts in the day's surveillance report and moves its committee's risk level today,
    // not at the next daily run.
    private async Task ConfirmedAsync(string committee, DateTime confirmedAt, Severity severity, CancellationToken ct)
    {
        await counts.CountAsync(committee, confirmedAt, severity, ct);
        if (committee.Length == 12) await services.GetRequiredService<RiskAreas.AreaRiskService>().ComputeAsync(ChinaTime.Today(clock), committee, ct);
    }

    private async Task ChangedAsync(Guid personId, CancellationToken ct)
    {
        if (services.GetService<IHealthStatusChanges>() is { } changes) await changes.PersonChangedAsync(personId, ct);
    }

    private static WriteOutcome<CaseDetails> Invalid(string field, string message) => new WriteOutcome<CaseDetails>.Invalid(new FieldErrors().Add(field, message));

    // LD-<district>-yyyyMMdd-XXXXXX (流调): the residence district, the day (China time), the id's random tail.
    public static string NumberFor(Guid id, DateTime nowUtc, string residence) =>
        $"LD-{DivisionCodes.DistrictOf(residence)}-{ChinaTime.FromUtc(nowUtc):yyyyMMdd}-{id.ToString("N")[^6..].ToUpperInvariant()}";
}

// Enum names only: Enum.TryParse would also accept "7" or "1,2".
internal static class Parse
{
    public static bool Name<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        return !char.IsAsciiDigit(t[0]) && !t.Contains(',') && Enum.TryParse(t, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}

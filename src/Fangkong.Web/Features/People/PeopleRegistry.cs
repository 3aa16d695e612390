using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.People;

public sealed record PersonFilter(string? DivisionCode = null, string? Search = null);

// Person use cases. Every read of personal data is audited before it is served: if the audit store is
// down the append throws and nothing personal leaves the server.
public sealed class PeopleRegistry(FangkongDb db, CurrentUser user, AuditLog audit, ReferenceData reference, TimeProvider clock)
{
    public IQueryable<Person> Query(PersonFilter filter)
    {
        var q = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.DivisionCode))
        {
            var prefix = filter.DivisionCode.Trim();
            q = q.Where(p => p.DivisionCode.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // A full ID number or phone finds by equality only: partial searches on those would let
            // anyone enumerate numbers.
            var term = filter.Search.Trim();
            q = q.Where(p => p.Name.Contains(term) || p.IdNumber == term.ToUpperInvariant() || p.Phone == term);
        }
        return q;
    }

    public async Task<Page<PersonDto>> ListAsync(PersonFilter filter, Paging paging, CancellationToken ct)
    {
        var q = Query(filter);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(p => p.DivisionCode).ThenBy(p => p.Name).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("person.list", AuditOutcome.Success, "person", null,
            $"division={filter.DivisionCode} {DescribeSearch(filter.Search)} page={paging.Page} rows={items.Count}"), ct);
        return new Page<PersonDto>(items.Select(Mask).ToList(), paging.Page, paging.PageSize, total);
    }

    // Which person was looked up must be traceable, but the audit trail never holds the value itself:
    // an ID number or phone is recorded masked, a name not at all.
    private static string DescribeSearch(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return "search=none";
        var term = search.Trim();
        if (term.Length == 18 && term[..17].All(char.IsAsciiDigit)) return $"search=idNumber:{Masking.IdNumber(term.ToUpperInvariant())}";
        if (term.All(c => char.IsAsciiDigit(c) || c == '-')) return $"search=phone:{Masking.Phone(term)}";
        return "search=name";
    }

    public async Task<Person?> FindAsync(Guid id, CancellationToken ct, string action = "person.read")
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            // Every miss is recorded, so probing for ids out of scope is traceable without a read that
            // switches the scope filter off to tell "elsewhere" from "nowhere".
            await audit.AppendAsync(user.Actor, new AuditEvent(action, AuditOutcome.Denied, "person", id.ToString(), NotFoundDetail), ct);
            return null;
        }
        await audit.AppendAsync(user.Actor, new AuditEvent(action, AuditOutcome.Success, "person", id.ToString()), ct);
        return person;
    }

    public async Task<WriteOutcome<Person>> RegisterAsync(PersonInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var valid = input.Validate(errors, reference.Regions, Today());
        if (valid is null) return new WriteOutcome<Person>.Invalid(errors);
        var scopeProblem = await CheckDivisionAsync(valid.DivisionCode, errors, ct);
        if (scopeProblem is not null) return scopeProblem;
        // Deduplication by ID number: in the caller's scope it says so; a number registered only in another
        // jurisdiction is refused by the unique index below, with an answer that names no district and shows nothing.
        if (await db.People.AnyAsync(p => p.IdNumber == valid.ResidentId!.Number, ct))
            return new WriteOutcome<Person>.Invalid(errors.Add("idNumber", AlreadyRegistered));
        var person = Person.Register(Guid.CreateVersion7(), valid.Name, valid.ResidentId!, valid.Phone, valid.Address, valid.DivisionCode, clock.GetUtcNow().UtcDateTime);
        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The unique index on the number refused it: a concurrent registration in scope (still one
            // person), or a record kept by another jurisdiction, which is not disclosed: the answer names no
            // district and no data, the attempt is audited, and moving a resident is a transfer done with a
            // right that covers both districts (see docs/architecture.md, "Jurisdiction").
            db.Entry(person).State = EntityState.Detached;
            if (await db.People.AsNoTracking().AnyAsync(p => p.IdNumber == valid.ResidentId!.Number, ct))
                return new WriteOutcome<Person>.Invalid(new FieldErrors().Add("idNumber", AlreadyRegistered));
            await audit.AppendAsync(user.Actor, new AuditEvent("person.create", AuditOutcome.Denied, "person", null,
                $"idNumber={Masking.IdNumber(valid.ResidentId!.Number)} held outside the caller's jurisdiction"), ct);
            return new WriteOutcome<Person>.Invalid(new FieldErrors().Add("idNumber", CannotRegisterHere));
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("person.create", AuditOutcome.Success, "person", person.Id.ToString()), ct);
        return new WriteOutcome<Person>.Done(person);
    }

    public async Task<WriteOutcome<Person>> ReviseAsync(Guid id, int expectedVersion, PersonInput input, CancellationToken ct)
    {
        var person = await FindAsync(id, ct, "person.update");
        if (person is null) return new WriteOutcome<Person>.NotFound();
        if (person.Version != expectedVersion) return new WriteOutcome<Person>.Stale(person.Version);
        var errors = new FieldErrors();
        var valid = input.Validate(errors, reference.Regions, Today(), person);
        if (valid is null) return new WriteOutcome<Person>.Invalid(errors);
        var scopeProblem = await CheckDivisionAsync(valid.DivisionCode, errors, ct);
        if (scopeProblem is not null) return scopeProblem;
        if (Fangkong.Core.Divisions.DivisionCodes.DistrictOf(valid.DivisionCode) != person.DistrictCode)
            return new WriteOutcome<Person>.Invalid(errors.Add("divisionCode", "跨区迁移需走移交流程 / moving to another district is a transfer, not an edit"));
        person.Revise(valid.Name, valid.Phone, valid.Address, valid.DivisionCode, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new WriteOutcome<Person>.Stale(await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.Version).FirstOrDefaultAsync(ct));
        }
        return new WriteOutcome<Person>.Done(person);
    }

    // The full value of one field, for a stated reason, audited (without the value itself).
    public async Task<WriteOutcome<string?>> RevealAsync(Guid id, RevealRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var field = request.Field?.Trim();
        if (field is not ("idNumber" or "phone" or "address")) errors.Add("field", "须为 idNumber、phone 或 address / must be idNumber, phone or address");
        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length < 4) errors.Add("reason", "请说明查看原因（至少 4 个字）/ state why you need the full value (at least 4 characters)");
        if (reason.Length > 500) errors.Add("reason", "原因最长 500 字 / at most 500 characters");
        if (errors.Any) return new WriteOutcome<string?>.Invalid(errors);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("person.reveal", AuditOutcome.Denied, "person", id.ToString(), NotFoundDetail), ct);
            return new WriteOutcome<string?>.NotFound();
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("person.reveal", AuditOutcome.Success, "person", id.ToString(), $"field={field}; reason={reason}"), ct);
        return new WriteOutcome<string?>.Done(field switch { "idNumber" => person.IdNumber, "phone" => person.Phone, _ => person.Address });
    }

    private async Task<WriteOutcome<Person>?> CheckDivisionAsync(string divisionCode, FieldErrors errors, CancellationToken ct)
    {
        if (!await db.Divisions.AnyAsync(d => d.Code == divisionCode, ct))
            return new WriteOutcome<Person>.Invalid(errors.Add("divisionCode", $"区划代码不存在 / unknown division {divisionCode}"));
        if (!user.Jurisdiction.CoversDivision(divisionCode))
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("person.write", AuditOutcome.Denied, "division", divisionCode, "outside jurisdiction"), ct);
            return new WriteOutcome<Person>.Forbidden(errors.Add("divisionCode", "不在您的管辖范围内 / outside your jurisdiction"));
        }
        return null;
    }

    public PersonDto Mask(Person person) => PersonDto.Masked(person, Today());

    private const string NotFoundDetail = "not found or outside jurisdiction";
    private const string AlreadyRegistered = "此身份证号已登记（按身份证号去重）/ a person with this ID number is already registered";
    internal const string CannotRegisterHere =
        "此身份证号无法在此登记；如为迁入人员，请由市级按移交流程办理 / this ID number cannot be registered here; for a resident who moved, ask the city level for a transfer";

    // Dates of birth and ages are counted in China Standard Time, whatever the server's zone.
    private DateOnly Today() => ChinaTime.Today(clock);
}

using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

public sealed record PersonRef(Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? DivisionCode);

// Finds the person an investigation names, or registers them. A contact often lives in another
// district: investigators may register such a person (the investigation needs them on record), but
// reading that person stays with the residence's jurisdiction — the investigator sees them only
// masked, through the contact.
public sealed record ResolvedPerson(Guid Id, string DivisionCode);

public sealed class InvestigationPeople(FangkongDb db, CurrentUser user, AuditLog audit, ReferenceData reference, TimeProvider clock, CrossDistrictLinks links)
{
    public async Task<ResolvedPerson?> ResolveAsync(PersonRef input, FieldErrors errors, bool residenceMustBeInScope, CancellationToken ct)
    {
        if (input.PersonId is { } id)
        {
            var known = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => new ResolvedPerson(p.Id, p.DivisionCode)).FirstOrDefaultAsync(ct);
            if (known is null) errors.Add("personId", "人员不存在或不在管辖范围 / unknown person or outside your jurisdiction");
            return known;
        }
        var number = input.IdNumber?.Trim().ToUpperInvariant();
        var given = !string.IsNullOrEmpty(number) && !Masking.IsMasked(number);
        // The caller's own residents first, through the scope filter.
        var mine = given ? await MineAsync(number!, ct) : null;
        if (mine is not null) return mine;
        // A contact may live in another district and be registered there already: the contact is recorded
        // against that one person (ID numbers are unique), shown to this side only masked, through the contact.
        // A case must live in the caller's scope; a number registered elsewhere then answers as the
        // registration below would (already registered), never with where or what the record is.
        if (given && await links.PersonByIdNumberAsync(number!, ct) is { } elsewhere)
        {
            if (residenceMustBeInScope)
            {
                errors.Add("idNumber", AlreadyRegistered);
                return null;
            }
            return new ResolvedPerson(elsewhere.Id, elsewhere.DivisionCode);
        }

        var valid = new PersonInput(input.Name, input.IdNumber, input.Phone, null, input.DivisionCode).Validate(errors, reference.Regions, ChinaTime.Today(clock));
        if (valid is null) return null;
        if (!await db.Divisions.AnyAsync(d => d.Code == valid.DivisionCode, ct))
        {
            errors.Add("divisionCode", "区划不存在 / unknown division");
            return null;
        }
        if (residenceMustBeInScope && !user.Jurisdiction.CoversDivision(valid.DivisionCode))
        {
            errors.Add("divisionCode", "住址不在管辖范围内 / residence outside your jurisdiction");
            return null;
        }
        var person = Person.Register(Guid.CreateVersion7(), valid.Name, valid.ResidentId!, valid.Phone, valid.Address, valid.DivisionCode, clock.GetUtcNow().UtcDateTime);
        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration of the same number won: use that person.
            db.Entry(person).State = EntityState.Detached;
            if (await MineAsync(valid.ResidentId!.Number, ct) is { } won) return won;
            if (!residenceMustBeInScope && await links.PersonByIdNumberAsync(valid.ResidentId!.Number, ct) is { } other)
                return new ResolvedPerson(other.Id, other.DivisionCode);
            errors.Add("idNumber", AlreadyRegistered);
            return null;
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("person.create", AuditOutcome.Success, "person", person.Id.ToString(), "investigation"), ct);
        return new ResolvedPerson(person.Id, person.DivisionCode);
    }

    private const string AlreadyRegistered = "此身份证号已登记（按身份证号去重）/ a person with this ID number is already registered";

    private Task<ResolvedPerson?> MineAsync(string number, CancellationToken ct) =>
        db.People.AsNoTracking().Where(p => p.IdNumber == number).Select(p => new ResolvedPerson(p.Id, p.DivisionCode)).FirstOrDefaultAsync(ct);

    // Masked display of people the caller reaches through a case or contact, whatever their residence.
    public async Task<Dictionary<Guid, MaskedPerson>> MaskedAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var people = new Dictionary<Guid, MaskedPerson>();
        foreach (var chunk in list.Chunk(500))
        {
            foreach (var p in await links.PeopleForMaskingAsync(chunk, ct))
                people[p.Id] = new MaskedPerson(Masking.Name(p.Name), Masking.IdNumber(p.IdNumber), Masking.Phone(p.Phone), AgeOf(p.BirthDate), p.Sex.ToString());
        }
        return people;
    }

    private int AgeOf(DateOnly birth)
    {
        var today = ChinaTime.Today(clock);
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}

public sealed record MaskedPerson(string Name, string IdNumber, string Phone, int Age, string Sex);

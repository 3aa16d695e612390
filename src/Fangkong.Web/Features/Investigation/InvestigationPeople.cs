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
public sealed class InvestigationPeople(FangkongDb db, CurrentUser user, AuditLog audit, ReferenceData reference, TimeProvider clock)
{
    public async Task<Person?> ResolveAsync(PersonRef input, FieldErrors errors, bool residenceMustBeInScope, CancellationToken ct)
    {
        Person? person = null;
        if (input.PersonId is { } id)
        {
            person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null) errors.Add("personId", "人员不存在或不在管辖范围 / unknown person or outside your jurisdiction");
            return person;
        }
        var number = input.IdNumber?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(number) && !Masking.IsMasked(number))
            person = await db.People.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == number, ct);
        if (person is not null)
        {
            if (residenceMustBeInScope && !user.Jurisdiction.CoversDivision(person.DivisionCode))
                errors.Add("idNumber", "此人登记的住址不在您的管辖范围内 / this person's registered residence is outside your jurisdiction");
            return person;
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
        person = Person.Register(Guid.CreateVersion7(), valid.Name, valid.ResidentId!, valid.Phone, valid.Address, valid.DivisionCode, clock.GetUtcNow().UtcDateTime);
        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent registration of the same number won: use that person.
            db.Entry(person).State = EntityState.Detached;
            return await db.People.IgnoreQueryFilters().AsNoTracking().FirstAsync(p => p.IdNumber == valid.ResidentId!.Number, ct);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("person.create", AuditOutcome.Success, "person", person.Id.ToString(), "investigation"), ct);
        return person;
    }

    // Masked display of people the caller reaches through a case or contact, whatever their residence.
    public async Task<Dictionary<Guid, MaskedPerson>> MaskedAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var people = new Dictionary<Guid, MaskedPerson>();
        foreach (var chunk in list.Chunk(500))
        {
            var rows = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Name, p.IdNumber, p.Phone, p.BirthDate, p.Sex }).ToListAsync(ct);
            foreach (var p in rows)
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

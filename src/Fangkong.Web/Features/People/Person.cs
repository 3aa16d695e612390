using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;

namespace Fangkong.Web.Features.People;

// A resident known to the platform. Every later module (cases, patients, key populations) points here,
// so identity is deduplicated by resident ID number and personal fields change only through methods
// that refuse masked values: a masked form posted back must never overwrite the real number.
public sealed class Person
{
    private Person() { }

    public static Person Register(Guid id, string name, ResidentId residentId, string? phone, string? address,
        string divisionCode, DateTime nowUtc)
    {
        var person = new Person
        {
            Id = id,
            IdNumber = residentId.Number,
            BirthDate = residentId.BirthDate,
            Sex = residentId.Sex,
            CreatedAt = nowUtc,
            Version = 1,
        };
        person.Apply(name, phone, address, divisionCode, nowUtc);
        return person;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string IdNumber { get; private set; } = "";
    public string? Phone { get; private set; }
    public string? Address { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public Sex Sex { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    // What a retention run leaves in place of a name whose purpose has ended.
    public const string AnonymisedName = "已匿名";

    public bool IsAnonymised => Name == AnonymisedName;

    // Retention: the purpose ended, so the identifying fields go; the row (district, committee, birth
    // date and sex, which the counts and age bands are made of) stays. The placeholder keeps the ID
    // number's unique index and length but is no resident's number (it starts with letters).
    public void Anonymise(string placeholderIdNumber, DateTime nowUtc)
    {
        Name = AnonymisedName;
        IdNumber = placeholderIdNumber;
        Phone = null;
        Address = null;
        UpdatedAt = nowUtc;
        Version++;
    }

    // Values that arrive masked (as displayed) mean "unchanged".
    public void Revise(string name, string? phone, string? address, string divisionCode, DateTime nowUtc)
    {
        if (DivisionCodes.DistrictOf(divisionCode) != DistrictCode)
            throw new InvalidOperationException("A person cannot move to another district by an edit.");
        Apply(Masking.IsMasked(name) ? Name : name,
              Masking.IsMasked(phone) ? Phone : phone,
              Masking.IsMasked(address) ? Address : address,
              divisionCode, nowUtc);
        Version++;
    }

    private void Apply(string name, string? phone, string? address, string divisionCode, DateTime nowUtc)
    {
        Name = name;
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        DivisionCode = divisionCode;
        DistrictCode = DivisionCodes.DistrictOf(divisionCode);
        UpdatedAt = nowUtc;
    }
}

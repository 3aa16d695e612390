using Fangkong.Core.Privacy;

namespace Fangkong.Web.Features.People;

// The only shape in which a person leaves the server by default: ID number, phone and address masked,
// and an age instead of the birth date — region, birth date and the last four digits together would
// spell out the whole number the mask hides.
public sealed record PersonDto(Guid Id, string Name, string IdNumber, string? Phone, string? Address,
    string DivisionCode, int Age, Sex Sex, int Version, DateTime UpdatedAt)
{
    public static PersonDto Masked(Person p, DateOnly today) => new(p.Id, p.Name, Masking.IdNumber(p.IdNumber),
        p.Phone is null ? null : Masking.Phone(p.Phone), p.Address is null ? null : Masking.Address(p.Address),
        p.DivisionCode, AgeOn(p.BirthDate, today), p.Sex, p.Version, p.UpdatedAt);

    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }
}

public sealed record RevealRequest(string? Field, string? Reason);

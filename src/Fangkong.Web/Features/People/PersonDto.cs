using Fangkong.Core.Privacy;

namespace Fangkong.Web.Features.People;

// The only shape in which a person leaves the server by default: ID number, phone and address masked.
public sealed record PersonDto(Guid Id, string Name, string IdNumber, string? Phone, string? Address,
    string DivisionCode, DateOnly BirthDate, Sex Sex, int Version, DateTime UpdatedAt)
{
    public static PersonDto Masked(Person p) => new(p.Id, p.Name, Masking.IdNumber(p.IdNumber),
        p.Phone is null ? null : Masking.Phone(p.Phone), p.Address is null ? null : Masking.Address(p.Address),
        p.DivisionCode, p.BirthDate, p.Sex, p.Version, p.UpdatedAt);
}

public sealed record RevealRequest(string? Field, string? Reason);

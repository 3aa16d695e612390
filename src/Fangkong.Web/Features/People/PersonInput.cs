using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.People;

public sealed record PersonInput(string? Name, string? IdNumber, string? Phone, string? Address, string? DivisionCode)
{
    public sealed record Valid(string Name, ResidentId? ResidentId, string? Phone, string? Address, string DivisionCode);

    // `existing` is the stored record on an edit: a masked value sent back means "unchanged".
    public Valid? Validate(FieldErrors errors, RegionCodeRegistry regions, DateOnly today, Person? existing = null)
    {
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "姓名必填 / name is required");
        else if (name.Length > 100) errors.Add("name", "姓名最长 100 字 / at most 100 characters");

        ResidentId? residentId = null;
        if (existing is not null && (Masking.IsMasked(IdNumber) || string.Equals(IdNumber?.Trim(), existing.IdNumber, StringComparison.OrdinalIgnoreCase)))
        {
            if (Masking.IsMasked(IdNumber) && IdNumber!.Trim() != Masking.IdNumber(existing.IdNumber))
                errors.Add("idNumber", "掩码与原值不符 / masked value does not match the stored number");
        }
        else
        {
            var check = ResidentIdNumber.Check(IdNumber, regions.IsKnown, today);
            if (check.Problem is { } problem) errors.Add("idNumber", Describe(problem));
            else if (existing is not null) errors.Add("idNumber", "身份证号不能修改；如登记有误请注销后重新登记 / an ID number cannot be edited");
            else residentId = check.Value;
        }

        var phone = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim();
        if (phone is not null && !Masking.IsMasked(phone) && !PhoneNumbers.IsValid(phone))
            errors.Add("phone", "电话号码格式无效 / not a valid mainland phone number");
        if (phone is not null && Masking.IsMasked(phone) && (existing is null || phone != Masking.Phone(existing.Phone)))
            errors.Add("phone", "请填写完整号码 / give the full number, not a masked one");
        var address = string.IsNullOrWhiteSpace(Address) ? null : Address.Trim();
        if (address is { Length: > 300 }) errors.Add("address", "地址最长 300 字 / at most 300 characters");
        if (address is not null && Masking.IsMasked(address) && (existing is null || address != Masking.Address(existing.Address)))
            errors.Add("address", "请填写完整地址 / give the full address, not a masked one");

        var division = DivisionCode?.Trim() ?? "";
        if (!DivisionCodes.IsWellFormed(division) || division.Length < 6)
            errors.Add("divisionCode", "区划代码须为区县级或以下的 6、9 或 12 位 GB/T 2260 代码 / must be a 6, 9 or 12 digit code at district level or below");

        return errors.Any ? null : new Valid(name, residentId, phone, address, division);
    }

    public static string Describe(ResidentIdProblem problem) => problem switch
    {
        ResidentIdProblem.Missing => "身份证号必填 / ID number is required",
        ResidentIdProblem.WrongLength => "身份证号须为 18 位 / must have 18 characters",
        ResidentIdProblem.BadCharacters => "身份证号只能包含数字，末位可为 X / digits only, last may be X",
        ResidentIdProblem.UnknownRegion => "身份证号的地区码不存在 / unknown region code",
        ResidentIdProblem.ImpossibleBirthDate => "身份证号中的出生日期不存在 / impossible birth date",
        ResidentIdProblem.BirthDateInFuture => "身份证号中的出生日期在未来 / birth date in the future",
        ResidentIdProblem.BadCheckDigit => "身份证号校验位错误 / wrong check digit",
        _ => problem.ToString(),
    };
}

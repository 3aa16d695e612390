using System.Globalization;
using System.Runtime.CompilerServices;

namespace Fangkong.Core.Divisions;

// Codes follow the statistical division scheme: province (2 digits), city (4), county/district (6),
// street/town (9), residents' or villagers' committee (12). Each level extends its parent's code,
// so containment is a plain prefix test once both codes are known to be well formed.
public static class DivisionCodes
{
    public static bool IsWellFormed(string? code)
    {
        if (code is null || !IsValidLength(code.Length))
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static DivisionLevel LevelOf(string code)
    {
        RequireWellFormed(code);
        return code.Length switch
        {
            2 => DivisionLevel.Province,
            4 => DivisionLevel.City,
            6 => DivisionLevel.District,
            9 => DivisionLevel.Street,
            _ => DivisionLevel.Committee,
        };
    }

    // The code length one level below `prefix` (a code or the empty "everything" prefix): what a
    // breakdown by child division groups on. A committee is the bottom level and groups by itself.
    public static int ChildLength(string prefix) => prefix.Length switch
    {
        <= 2 => 4,
        <= 4 => 6,
        <= 6 => 9,
        _ => 12,
    };

    public static string? ParentOf(string code)
    {
        RequireWellFormed(code);
        return code.Length switch
        {
            2 => null,
            4 => code[..2],
            6 => code[..4],
            9 => code[..6],
            _ => code[..9],
        };
    }

    public static string DistrictOf(string code)
    {
        RequireWellFormed(code);
        if (code.Length < 6)
        {
            throw new ArgumentException($"Division code '{code}' is above district level and has no district.", nameof(code));
        }

        return code[..6];
    }

    // Used for access scopes, so a malformed code is outside every scope rather than an exception
    // that a caller might catch and treat as "allowed".
    public static bool IsWithin(string code, string scopeCode) =>
        IsWellFormed(code)
        && IsWellFormed(scopeCode)
        && code.StartsWith(scopeCode, StringComparison.Ordinal);

    // The last three digits of a 12-digit code classify the committee (统计用区划代码编制规则):
    // 001-199 residents' committees (居委会), 200-399 villagers' committees (村委会),
    // 400-599 units treated like residents' committees (类似居委会: e.g. development-zone "虚拟社区"),
    // 600-799 units treated like villagers' committees. The 400-599 block is urban in character,
    // and Shanghai's data uses it for ordinary 居委会, so it counts as residential here.
    public static bool IsResidentsCommittee(string committeeCode)
    {
        RequireWellFormed(committeeCode);
        if (committeeCode.Length != 12)
        {
            throw new ArgumentException($"'{committeeCode}' is not a 12-digit committee code.", nameof(committeeCode));
        }

        var serial = int.Parse(committeeCode.AsSpan(9, 3), provider: CultureInfo.InvariantCulture);
        return serial is >= 1 and <= 199 or >= 400 and <= 599;
    }

    private static bool IsValidLength(int length) => length is 2 or 4 or 6 or 9 or 12;

    private static void RequireWellFormed(string code, [CallerArgumentExpression(nameof(code))] string? parameterName = null)
    {
        if (!IsWellFormed(code))
        {
            throw new ArgumentException($"'{code}' is not a division code (ASCII digits, length 2, 4, 6, 9 or 12).", parameterName);
        }
    }
}

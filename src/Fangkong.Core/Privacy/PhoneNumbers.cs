using System.Text.RegularExpressions;

namespace Fangkong.Core.Privacy;

public static partial class PhoneNumbers
{
    // [0-9] rather than \d: .NET's \d also matches full-width and other Unicode digits.
    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    // Area code 0 + 2-3 digits (010, 021, 0755), optional dash, 7-8 digit local number.
    [GeneratedRegex("^0[0-9]{2,3}-?[0-9]{7,8}$")]
    private static partial Regex Landline();

    // People type numbers grouped with spaces ("138 0013 8000"), so spaces anywhere are ignored.
    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var compact = value.Replace(" ", string.Empty, StringComparison.Ordinal);
        return Mobile().IsMatch(compact) || Landline().IsMatch(compact);
    }

    internal static bool IsMobile(string value) => Mobile().IsMatch(value);
}

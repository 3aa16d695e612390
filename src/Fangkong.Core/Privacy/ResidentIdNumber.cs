namespace Fangkong.Core.Privacy;

// Citizen identification numbers, GB 11643-1999: 6-digit region code (GB/T 2260), 8-digit birth date
// yyyyMMdd, 3-digit sequence whose last digit is odd for men and even for women, and an ISO 7064
// MOD 11-2 check character.
public static class ResidentIdNumber
{
    // Weight of position i is 2^(17-i) mod 11.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    // Check character for each value of (weighted sum mod 11).
    private const string CheckCharacters = "10X98765432";

    // GB 11643-1999 itself illustrates the format with a person born 1880-01-01 (440524188001010014),
    // so a 1900 cut-off would reject the standard's own example. Nobody alive when these numbers were
    // first issued (1984) can have been born before 1860 without beating the human longevity record.
    private static readonly DateOnly EarliestBirthDate = new(1860, 1, 1);

    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException($"Need exactly 17 digits, got {first17.Length} characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = first17[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException($"Character {i} ('{c}') is not an ASCII digit.", nameof(first17));
            }

            sum += (c - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public static ResidentIdCheck Check(string? input, Func<string, bool> isKnownRegion, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(isKnownRegion);

        var number = input?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            return Problem(ResidentIdProblem.Missing);
        }

        if (number.Length != 18)
        {
            return Problem(ResidentIdProblem.WrongLength);
        }

        if (number[17] == 'x')
        {
            number = string.Concat(number.AsSpan(0, 17), "X");
        }

        if (number.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(number[17]) || number[17] == 'X'))
        {
            return Problem(ResidentIdProblem.BadCharacters);
        }

        var region = number[..6];
        if (!isKnownRegion(region))
        {
            return Problem(ResidentIdProblem.UnknownRegion);
        }

        if (!TryReadBirthDate(number.AsSpan(6, 8), out var birthDate) || birthDate < EarliestBirthDate)
        {
            return Problem(ResidentIdProblem.ImpossibleBirthDate);
        }

        if (birthDate > today)
        {
            return Problem(ResidentIdProblem.BirthDateInFuture);
        }

        if (CheckDigit(number.AsSpan(0, 17)) != number[17])
        {
            return Problem(ResidentIdProblem.BadCheckDigit);
        }

        var sex = (number[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        return new ResidentIdCheck(new ResidentId(number, region, birthDate, sex), null);
    }

    private static bool TryReadBirthDate(ReadOnlySpan<char> yyyyMMdd, out DateOnly date)
    {
        var year = Number(yyyyMMdd[..4]);
        var month = Number(yyyyMMdd.Slice(4, 2));
        var day = Number(yyyyMMdd.Slice(6, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            date = default;
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static ResidentIdCheck Problem(ResidentIdProblem problem) => new(null, problem);
}

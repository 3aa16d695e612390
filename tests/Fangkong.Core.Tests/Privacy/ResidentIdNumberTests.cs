using Fangkong.Core.Privacy;

namespace Fangkong.Core.Tests.Privacy;

public class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static bool AnyRegion(string region) => region != "999999";

    [Theory]
    [InlineData("11010519491231002", 'X')] // GB 11643-1999's own examples
    [InlineData("44052418800101001", '4')]
    public void Check_digit_of_the_standards_own_examples_matches_the_standard(string first17, char expected)
    {
        Assert.Equal(expected, ResidentIdNumber.CheckDigit(first17));
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100A")]
    public void Check_digit_needs_exactly_seventeen_digits(string first17)
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.CheckDigit(first17));
    }

    [Fact]
    public void The_standards_example_born_1949_is_a_valid_woman_from_chaoyang()
    {
        var check = ResidentIdNumber.Check("11010519491231002X", AnyRegion, Today);

        Assert.True(check.IsValid);
        Assert.Null(check.Problem);
        Assert.Equal(new ResidentId("11010519491231002X", "110105", new DateOnly(1949, 12, 31), Sex.Female), check.Value);
    }

    [Fact]
    public void The_standards_example_born_1880_is_a_valid_man()
    {
        var check = ResidentIdNumber.Check("440524188001010014", AnyRegion, Today);

        Assert.True(check.IsValid);
        Assert.Equal(new ResidentId("440524188001010014", "440524", new DateOnly(1880, 1, 1), Sex.Male), check.Value);
    }

    [Theory]
    [InlineData(" 11010519491231002x ")]
    [InlineData("11010519491231002x")]
    public void Surrounding_spaces_and_a_lower_case_x_are_normalised(string input)
    {
        var check = ResidentIdNumber.Check(input, AnyRegion, Today);

        Assert.Equal("11010519491231002X", check.Value?.Number);
    }

    [Theory]
    [InlineData(null, ResidentIdProblem.Missing)]
    [InlineData("", ResidentIdProblem.Missing)]
    [InlineData("   ", ResidentIdProblem.Missing)]
    [InlineData("110105491231002", ResidentIdProblem.WrongLength)]      // old 15-digit number
    [InlineData("11010519491231002X1", ResidentIdProblem.WrongLength)]
    [InlineData("1101051949123100X2", ResidentIdProblem.BadCharacters)] // X only as the check character
    [InlineData("11010519491231002Y", ResidentIdProblem.BadCharacters)]
    [InlineData("１１0105194912310020", ResidentIdProblem.BadCharacters)] // full-width digits
    [InlineData("999999194912310020", ResidentIdProblem.UnknownRegion)]
    [InlineData("110105199902300020", ResidentIdProblem.ImpossibleBirthDate)] // 30 February 1999
    [InlineData("110105199913010020", ResidentIdProblem.ImpossibleBirthDate)] // month 13
    [InlineData("110105200002300020", ResidentIdProblem.ImpossibleBirthDate)]
    [InlineData("110105000001010020", ResidentIdProblem.ImpossibleBirthDate)]
    [InlineData("110105185901010020", ResidentIdProblem.ImpossibleBirthDate)] // before anyone with such a number could be alive
    [InlineData("110105209901010020", ResidentIdProblem.BirthDateInFuture)]
    [InlineData("110105202506020020", ResidentIdProblem.BirthDateInFuture)]   // tomorrow
    [InlineData("110105194912310021", ResidentIdProblem.BadCheckDigit)]
    [InlineData("440524188001010015", ResidentIdProblem.BadCheckDigit)]
    public void Invalid_numbers_are_refused_with_the_first_problem_found(string? input, ResidentIdProblem expected)
    {
        var check = ResidentIdNumber.Check(input, AnyRegion, Today);

        Assert.False(check.IsValid);
        Assert.Null(check.Value);
        Assert.Equal(expected, check.Problem);
    }

    [Fact]
    public void A_leap_day_birth_is_a_real_date()
    {
        var first17 = "11010520000229002";
        var number = first17 + ResidentIdNumber.CheckDigit(first17);

        var check = ResidentIdNumber.Check(number, AnyRegion, Today);

        Assert.Equal(new DateOnly(2000, 2, 29), check.Value?.BirthDate);
    }

    [Fact]
    public void Someone_born_today_is_not_in_the_future()
    {
        var first17 = "11010520250601001";
        var number = first17 + ResidentIdNumber.CheckDigit(first17);

        Assert.True(ResidentIdNumber.Check(number, AnyRegion, Today).IsValid);
    }

    [Theory]
    [InlineData('1', Sex.Male)]
    [InlineData('3', Sex.Male)]
    [InlineData('9', Sex.Male)]
    [InlineData('0', Sex.Female)]
    [InlineData('2', Sex.Female)]
    [InlineData('8', Sex.Female)]
    public void Sex_is_odd_for_men_in_the_seventeenth_digit(char seventeenth, Sex expected)
    {
        var first17 = "3101151990010112" + seventeenth;

        var check = ResidentIdNumber.Check(first17 + ResidentIdNumber.CheckDigit(first17), AnyRegion, Today);

        Assert.Equal(expected, check.Value?.Sex);
    }

    [Fact]
    public void The_region_lookup_receives_the_first_six_digits()
    {
        var asked = new List<string>();

        ResidentIdNumber.Check("11010519491231002X", region => { asked.Add(region); return true; }, Today);

        Assert.Equal(["110105"], asked);
    }

    [Fact]
    public void Region_problems_are_reported_before_date_problems()
    {
        var check = ResidentIdNumber.Check("999999199902300020", AnyRegion, Today);

        Assert.Equal(ResidentIdProblem.UnknownRegion, check.Problem);
    }
}

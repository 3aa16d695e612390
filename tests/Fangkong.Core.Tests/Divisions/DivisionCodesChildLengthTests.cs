using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

public class DivisionCodesChildLengthTests
{
    [Theory]
    [InlineData("", 4)]
    [InlineData("31", 4)]
    [InlineData("3101", 6)]
    [InlineData("310104", 9)]
    [InlineData("310104001", 12)]
    [InlineData("310104001001", 12)]
    public void The_level_below_a_prefix(string prefix, int expected) => Assert.Equal(expected, DivisionCodes.ChildLength(prefix));
}

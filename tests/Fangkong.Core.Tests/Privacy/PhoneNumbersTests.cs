using Fangkong.Core.Privacy;

namespace Fangkong.Core.Tests.Privacy;

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData(" 138 1234 5678 ", true)]
    [InlineData("12812345678", false)]   // no mobile numbers start 12
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("+8613812345678", false)]
    [InlineData("１３８12345678", false)] // full-width digits
    [InlineData("021-62345678", true)]
    [InlineData("02162345678", true)]
    [InlineData("010-6234567", true)]
    [InlineData("0755-12345678", true)]
    [InlineData("21-62345678", false)]
    [InlineData("021-623456", false)]
    [InlineData("021--62345678", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Mainland_mobile_and_landline_numbers_are_valid(string? value, bool expected)
    {
        Assert.Equal(expected, PhoneNumbers.IsValid(value));
    }
}

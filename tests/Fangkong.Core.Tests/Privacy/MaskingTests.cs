using Fangkong.Core.Privacy;

namespace Fangkong.Core.Tests.Privacy;

public class MaskingTests
{
    [Theory]
    [InlineData("310115199001011239", "310115********1239")]
    [InlineData(" 11010519491231002X ", "110105********002X")]
    [InlineData("110105491231002", "11***********02")] // old 15-digit number
    [InlineData("12345", "12*45")]
    [InlineData("1234", "****")]                      // 2 + 2 would reveal everything
    [InlineData("1", "*")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Id_numbers_keep_only_the_region_and_the_last_four(string? input, string expected)
    {
        Assert.Equal(expected, Masking.IdNumber(input));
    }

    [Fact]
    public void An_id_mask_never_reveals_more_than_six_leading_and_four_trailing_characters()
    {
        for (var length = 1; length <= 30; length++)
        {
            var value = new string('7', length);

            var masked = Masking.IdNumber(value);

            var leading = masked.TakeWhile(c => c != '*').Count();
            var trailing = masked.Reverse().TakeWhile(c => c != '*').Count();
            Assert.True(leading <= 6 && trailing <= 4 && masked.Contains('*'), $"length {length}: {masked}");
        }
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138 1234 5678", "138****5678")]
    [InlineData("021-62345678", "********5678")]
    [InlineData("12345678901", "*******8901")] // 11 digits but not a mobile number
    [InlineData("5678", "****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phones_keep_the_operator_prefix_and_last_four_of_mobiles_else_only_the_last_four(string? input, string expected)
    {
        Assert.Equal(expected, Masking.Phone(input));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("欧阳锋", "欧阳*")]
    [InlineData("欧阳", "欧*")]               // only a surname's worth of characters: keep one
    [InlineData("张", "张*")]
    [InlineData("𠮷野家", "𠮷**")]            // a character outside the BMP counts once
    [InlineData("买买提·艾力", "买*****")]
    [InlineData("John Smith", "J***")]
    [InlineData("li", "l***")]
    [InlineData("Émile", "É***")]
    [InlineData(" 李四 ", "李*")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Names_keep_the_surname_only(string? input, string expected)
    {
        Assert.Equal(expected, Masking.Name(input));
    }

    [Theory]
    [InlineData("上海市浦东新区世纪大道100号", "上海市浦东新****")]
    [InlineData("上海市浦东新区", "上海市浦东新****")]
    [InlineData("上海市浦东", "上海****")]     // six or fewer: keep half
    [InlineData("北京", "北****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Addresses_keep_the_first_six_characters(string? input, string expected)
    {
        Assert.Equal(expected, Masking.Address(input));
    }

    [Theory]
    [InlineData("138****5678", true)]
    [InlineData("张*", true)]
    [InlineData("13812345678", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Masked_means_containing_a_star(string? value, bool expected)
    {
        Assert.Equal(expected, Masking.IsMasked(value));
    }

    [Fact]
    public void Every_mask_of_a_real_value_counts_as_masked()
    {
        Assert.True(Masking.IsMasked(Masking.IdNumber("11010519491231002X")));
        Assert.True(Masking.IsMasked(Masking.Phone("13812345678")));
        Assert.True(Masking.IsMasked(Masking.Name("张")));
        Assert.True(Masking.IsMasked(Masking.Address("上")));
    }
}

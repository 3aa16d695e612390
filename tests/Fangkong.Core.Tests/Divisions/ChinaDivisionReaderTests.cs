using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

public class ChinaDivisionReaderTests
{
    [Fact]
    public void Shanghai_is_read_as_the_city_its_districts_streets_and_committees_in_code_order()
    {
        var files = new ChinaDivisionFiles();

        var records = ChinaDivisionReader.ReadCity(files.Open, "3101");

        Assert.Equal(
            [
                new DivisionRecord("3101", "上海市", "31", DivisionLevel.City),
                new DivisionRecord("310101", "黄浦区", "3101", DivisionLevel.District),
                new DivisionRecord("310101002", "南京东路街道", "310101", DivisionLevel.Street),
                new DivisionRecord("310101002001", "云南中路居委会", "310101002", DivisionLevel.Committee),
                new DivisionRecord("310101002002", "龙泉园路居委会", "310101002", DivisionLevel.Committee),
                new DivisionRecord("310115", "浦东新区", "3101", DivisionLevel.District),
                new DivisionRecord("310151", "崇明区", "3101", DivisionLevel.District),
                new DivisionRecord("310151101", "城桥镇", "310151", DivisionLevel.Street),
                new DivisionRecord("310151101001", "南门居委会", "310151101", DivisionLevel.Committee),
                new DivisionRecord("310151101201", "城桥村村委会", "310151101", DivisionLevel.Committee),
            ],
            records);
    }

    [Theory]
    [InlineData("1101", "北京市")]
    [InlineData("3101", "上海市")]
    public void Municipal_district_rows_named_shixiaqu_take_the_province_name(string cityCode, string expectedName)
    {
        var records = ChinaDivisionReader.ReadCity(new ChinaDivisionFiles().Open, cityCode);

        Assert.Equal(expectedName, records[0].Name);
    }

    [Fact]
    public void An_ordinary_prefecture_city_keeps_its_own_name()
    {
        var records = ChinaDivisionReader.ReadCity(new ChinaDivisionFiles().Open, "4207");

        Assert.Equal("鄂州市", records[0].Name);
        Assert.Equal(["4207", "420702", "420702100", "420702100001", "420702100201"], records.Select(r => r.Code));
    }

    [Fact]
    public void Province_names_are_only_read_when_the_city_is_a_municipality()
    {
        var files = new ChinaDivisionFiles();

        ChinaDivisionReader.ReadCity(files.Open, "4207");

        Assert.DoesNotContain("provinces.csv", files.Opened);
    }

    [Theory]
    [InlineData("3102")]
    [InlineData("9999")]
    public void An_unknown_city_code_is_refused_naming_the_code(string cityCode)
    {
        var error = Assert.Throws<ArgumentException>(() => ChinaDivisionReader.ReadCity(new ChinaDivisionFiles().Open, cityCode));

        Assert.Contains(cityCode, error.Message, StringComparison.Ordinal);
        Assert.Equal("cityCode", error.ParamName);
    }

    [Theory]
    [InlineData("31")]
    [InlineData("310101")]
    [InlineData("31a1")]
    [InlineData("")]
    public void A_code_that_is_not_four_digits_is_refused(string cityCode)
    {
        Assert.Throws<ArgumentException>(() => ChinaDivisionReader.ReadCity(new ChinaDivisionFiles().Open, cityCode));
    }

    [Fact]
    public void Quoted_names_may_contain_commas_and_doubled_quotes()
    {
        var villages = """
            code,name,streetCode,provinceCode,cityCode,areaCode
            310101002001,"云南中路,""试点""居委会",310101002,31,3101,310101
            """;

        var records = ChinaDivisionReader.ReadCity(new ChinaDivisionFiles(villages).Open, "3101");

        Assert.Equal("云南中路,\"试点\"居委会", records.Single(r => r.Code == "310101002001").Name);
    }

    [Fact]
    public void Windows_line_endings_a_byte_order_mark_and_blank_lines_are_tolerated()
    {
        var villages = "\uFEFFcode,name,streetCode,provinceCode,cityCode,areaCode\r\n"
            + "310101002001,\"云南中路居委会\",310101002,31,3101,310101\r\n"
            + "\r\n";

        var records = ChinaDivisionReader.ReadCity(new ChinaDivisionFiles(villages).Open, "3101");

        Assert.Contains(records, r => r is { Code: "310101002001", Name: "云南中路居委会" });
    }

    [Fact]
    public void Columns_are_found_by_header_name_not_position()
    {
        var villages = """
            name,cityCode,code,areaCode,streetCode,provinceCode
            "云南中路居委会",3101,310101002001,310101,310101002,31
            """;

        var records = ChinaDivisionReader.ReadCity(new ChinaDivisionFiles(villages).Open, "3101");

        Assert.Contains(new DivisionRecord("310101002001", "云南中路居委会", "310101002", DivisionLevel.Committee), records);
    }

    [Fact]
    public void A_row_whose_code_does_not_extend_its_parent_is_reported_with_file_and_line()
    {
        var villages = """
            code,name,streetCode,provinceCode,cityCode,areaCode
            310101002001,"云南中路居委会",310101002,31,3101,310101
            310101009001,"错位居委会",310101002,31,3101,310101
            """;

        var error = Assert.Throws<InvalidDataException>(() => ChinaDivisionReader.ReadCity(new ChinaDivisionFiles(villages).Open, "3101"));

        Assert.Contains("villages.csv line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_opened_is_closed_again()
    {
        var readers = new List<TrackingReader>();

        ChinaDivisionReader.ReadCity(
            name =>
            {
                var reader = new TrackingReader(new ChinaDivisionFiles().Open(name));
                readers.Add(reader);
                return reader;
            },
            "3101");

        Assert.Equal(5, readers.Count);
        Assert.All(readers, r => Assert.True(r.Disposed));
    }
}

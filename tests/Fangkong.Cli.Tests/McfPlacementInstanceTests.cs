using System.Globalization;
using System.Text.RegularExpressions;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Cli.Tests;

// `mcf placement-instance` against a seeded database (Ezhou, its demo wards opened by the command):
// both files it writes must be ones our reader, our solver and glpsol accept, with the same optimum,
// and the routing optimum must be the placement engine's own total distance.
public sealed partial class McfPlacementInstanceTests(EzhouDatabase ezhou) : IClassFixture<EzhouDatabase>
{

    [Fact]
    public async Task Both_files_are_DIMACS_that_our_solver_and_glpsol_solve_to_the_same_optimum()
    {
        Assert.True(ezhou.Seed.ExitCode == 0, ezhou.Seed.ToString());
        using var lp = new TempFile();
        using var routing = new TempFile();

        var written = await ezhou.Db.RunAsync("mcf", "placement-instance", "--city", "4207", "--patients", "400", "--seed", "3", "--open-demo-wards",
            "--out-lp", lp.Path, "--out-routing", routing.Path);

        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.Contains("city 4207: 400 patients from ", written.Out);
        var engine = EngineLine().Match(written.Out);
        Assert.True(engine.Success, written.ToString());
        Assert.Equal("400", engine.Groups[2].Value.Replace(",", "", StringComparison.Ordinal));
        long engineDistance = long.Parse(engine.Groups[3].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(long.Parse(engine.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) > 0, "someone should be placed");

        var lpProblem = DimacsReader.ReadFile(lp.Path);
        var routingProblem = DimacsReader.ReadFile(routing.Path);
        var oursLp = lpProblem.Solve();
        var oursRouting = routingProblem.Solve();
        Assert.Equal(MinCostFlowStatus.Optimal, oursLp.Status);
        Assert.Equal(MinCostFlowStatus.Optimal, oursRouting.Status);
        Assert.Equal(engineDistance, oursRouting.TotalCost);

        Glpsol.Require();
        Assert.Equal(oursLp.TotalCost, Glpsol.Objective(lp.Path));
        Assert.Equal(oursRouting.TotalCost, Glpsol.Objective(routing.Path));
    }

    [Fact]
    public async Task Without_wards_it_exits_1_and_says_how_to_open_them()
    {
        using var db = new CliDatabase();
        Assert.Equal(0, (await db.RunAsync("db", "migrate")).ExitCode);
        using var lp = new TempFile();
        using var routing = new TempFile();

        var result = await db.RunAsync("mcf", "placement-instance", "--city", "4207", "--patients", "10", "--out-lp", lp.Path, "--out-routing", routing.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--open-demo-wards", result.Err);
    }

    [Theory]
    [InlineData("--patients", "0")]
    [InlineData("--seed", "-1")]
    public async Task An_invalid_option_exits_2_naming_it(string option, string value)
    {
        var result = await ezhou.Db.RunAsync("mcf", "placement-instance", option, value, "--out-lp", "a.min", "--out-routing", "b.min");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Err);
    }

    [GeneratedRegex(@"engine: [\d.]+ ms; placed ([\d,]+) of ([\d,]+); total distance ([\d,]+) ")]
    private static partial Regex EngineLine();
}

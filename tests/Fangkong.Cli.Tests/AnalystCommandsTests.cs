using System.Globalization;
using System.Text.Json;
using Fangkong.Epidemiology.Chime;

namespace Fangkong.Cli.Tests;

// rt, seir and hospital-demand compute from files and options alone: no database in any of these tests.
public sealed class AnalystCommandsTests : IDisposable
{
    private const double RelativeTolerance = 1e-9;

    private static readonly string Windows2To26 = string.Join(',', Enumerable.Range(2, 25));
    private static readonly string Windows8To32 = string.Join(',', Enumerable.Range(8, 25));

    private readonly string _directory = Directory.CreateTempSubdirectory("fangkong-analyst-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // ---- rt ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Rt_with_the_non_parametric_serial_interval_reproduces_EpiEstims_E01()
    {
        var run = await RunAsync("rt", "--incidence", Data("flu2009.csv"), "--si-distr", Data("flu2009-si.csv"),
            "--t-start", Windows2To26, "--t-end", Windows8To32, "--out", "-");

        Assert.True(run.Exit == 0, run.Err);
        AssertSameWindows(Data("E01-flu2009.csv"), run.Out);
    }

    [Fact]
    public async Task Rt_with_the_parametric_serial_interval_and_default_weekly_windows_reproduces_E02()
    {
        var output = Path.Combine(_directory, "e02.csv");
        var run = await RunAsync("rt", "--incidence", Data("flu2009.csv"), "--si-mean", "2.6", "--si-sd", "1.5",
            "--prior-mean", "5", "--prior-sd", "5", "--out", output);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Out);
        AssertSameWindows(Data("E02-flu2009.csv"), File.ReadAllText(output));
    }

    [Fact]
    public async Task Rt_with_local_and_imported_cases_reproduces_E03()
    {
        var run = await RunAsync("rt", "--incidence", Data("example2.csv"), "--si-mean", "2.6", "--si-sd", "1.5",
            "--window", "7", "--out", "-");

        Assert.True(run.Exit == 0, run.Err);
        AssertSameWindows(Data("E03-example2.csv"), run.Out);
    }

    [Fact]
    public async Task Rt_reads_the_incidence_from_standard_input_for_a_dash()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var input = new StringReader(File.ReadAllText(Data("flu2009.csv")));

        var exit = await Cli.RunAsync(["rt", "--incidence", "-", "--si-distr", Data("flu2009-si.csv"), "--out", "-"],
            Terminal.Redirected(output, errors, input), TestContext.Current.CancellationToken);

        Assert.True(exit == 0, errors.ToString());
        AssertSameWindows(Data("E01-flu2009.csv"), output.ToString());
    }

    [Theory]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --si-distr SI", "--si-distr")]
    [InlineData("--si-distr SI --si-sd 1.5", "--si-distr")]
    [InlineData("--si-mean 2.6", "--si-sd")]
    [InlineData("--si-sd 1.5", "--si-mean")]
    [InlineData("", "--si-mean")]
    [InlineData("--si-mean 0.8 --si-sd 1.5", "--si-mean")]
    [InlineData("--si-mean 2,6 --si-sd 1.5", "--si-mean")]
    [InlineData("--si-mean 2.6 --si-sd 0", "--si-sd")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-start 2,3", "--t-end")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-end 8,9", "--t-start")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-start 2,3 --t-end 8", "--t-end")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-start 1,2 --t-end 8,9", "--t-start")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-start 2,x --t-end 8,9", "--t-start")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-start 9 --t-end 8", "--t-start")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --t-start 2 --t-end 8 --window 5", "--window")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --window 0", "--window")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --prior-mean -5", "--prior-mean")]
    [InlineData("--si-mean 2.6 --si-sd 1.5 --prior-sd abc", "--prior-sd")]
    public async Task Rt_refuses_bad_option_combinations_with_exit_2_naming_the_option(string options, string named)
    {
        var args = new List<string> { "rt", "--incidence", Data("flu2009.csv"), "--out", "-" };
        args.AddRange(options.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a == "SI" ? Data("flu2009-si.csv") : a));

        var run = await RunAsync([.. args]);

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("error:", run.Err);
        Assert.Contains(named, run.Err);
    }

    [Fact]
    public async Task Rt_without_out_is_a_usage_error()
    {
        var run = await RunAsync("rt", "--incidence", Data("flu2009.csv"), "--si-mean", "2.6", "--si-sd", "1.5");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--out", run.Err);
    }

    [Fact]
    public async Task Rt_reports_a_missing_file_and_writes_nothing()
    {
        var output = Path.Combine(_directory, "never.csv");
        var missing = Path.Combine(_directory, "no-such-incidence.csv");

        var run = await RunAsync("rt", "--incidence", missing, "--si-mean", "2.6", "--si-sd", "1.5", "--out", output);

        Assert.Equal(2, run.Exit);
        Assert.Contains("--incidence", run.Err);
        Assert.Contains(missing, run.Err);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("t,I\n1,3\n2,x\n3,4\n", "line 3")]
    [InlineData("t,I\n1,3\n3,4\n", "line 3")]
    [InlineData("t,cases\n1,3\n", "line 1")]
    [InlineData("t,I\n1,3\n2,-1\n", "line 3")]
    public async Task Rt_reports_the_line_of_a_malformed_incidence_file(string content, string line)
    {
        var path = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);

        var run = await RunAsync("rt", "--incidence", path, "--si-mean", "2.6", "--si-sd", "1.5", "--out", "-");

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("--incidence", run.Err);
        Assert.Contains(line, run.Err);
    }

    [Fact]
    public async Task Rt_reports_a_malformed_serial_interval_file()
    {
        var path = Path.Combine(_directory, "si.csv");
        await File.WriteAllTextAsync(path, "k,w\n0,0\n1,0.5\n2,0.2\n", TestContext.Current.CancellationToken);

        var run = await RunAsync("rt", "--incidence", Data("flu2009.csv"), "--si-distr", path, "--out", "-");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--si-distr", run.Err);
        Assert.Contains("sum to 1", run.Err);
    }

    [Fact]
    public async Task Rt_refuses_windows_beyond_the_data()
    {
        var run = await RunAsync("rt", "--incidence", Data("flu2009.csv"), "--si-mean", "2.6", "--si-sd", "1.5",
            "--t-start", "2", "--t-end", "40", "--out", "-");

        Assert.Equal(2, run.Exit);
        Assert.Contains("t_end", run.Err);
        Assert.Contains("32", run.Err);
    }

    // ---- seir -------------------------------------------------------------------------------------

    [Fact]
    public async Task Seir_for_Shanghai_satisfies_the_final_size_relation_and_conserves_the_population()
    {
        const double n = 24_900_000;
        var (daily, summaryPath) = (Path.Combine(_directory, "seir.csv"), Path.Combine(_directory, "seir.json"));

        var run = await RunAsync("seir", "--population", "24900000", "--r0", "2.2", "--latent", "5.2", "--infectious", "7",
            "--initial-infectious", "1", "--days", "2000", "--out", daily, "--summary", summaryPath);

        Assert.True(run.Exit == 0, run.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var root = summary.RootElement;
        Assert.Equal(2.2, root.GetProperty("r0").GetDouble());
        var attackRate = root.GetProperty("finalAttackRate").GetDouble();
        var relation = root.GetProperty("finalSizeRelation");
        Assert.Equal(attackRate, relation.GetProperty("z").GetDouble());
        Assert.True(Math.Abs(relation.GetProperty("residual").GetDouble()) < 1e-6, relation.ToString());
        // The residual is the command's own arithmetic; check it against the relation directly too.
        Assert.True(Math.Abs(attackRate - (1 - (n - 1) / n * Math.Exp(-2.2 * attackRate))) < 1e-6);
        Assert.InRange(attackRate, 0.8, 0.9);

        var rows = ReadCsv(File.ReadAllText(daily), "day,S,E,I,R,new_infections");
        Assert.Equal(2001, rows.Count);
        for (var d = 0; d < rows.Count; d++)
        {
            Assert.Equal(d, rows[d][0]);
            var total = rows[d][1] + rows[d][2] + rows[d][3] + rows[d][4];
            Assert.True(Math.Abs(total - n) <= 1e-9 * n, $"day {d}: S+E+I+R = {total}");
            // Monotone up to the solver's absolute tolerance (1e-6 persons): once the epidemic is over, I
            // wobbles around zero by ~1e-7 and S and R with it.
            if (d > 0)
            {
                Assert.True(rows[d][1] <= rows[d - 1][1] + 1e-6, $"S rose on day {d}");
                Assert.True(rows[d][4] >= rows[d - 1][4] - 1e-6, $"R fell on day {d}");
            }
        }

        var peakDay = root.GetProperty("peakDay").GetInt32();
        Assert.Equal(rows.Max(r => r[3]), rows[peakDay][3]);
        Assert.Equal(root.GetProperty("peakInfectious").GetDouble(), rows[peakDay][3]);
        var peakIncidenceDay = root.GetProperty("peakIncidenceDay").GetInt32();
        Assert.Equal(root.GetProperty("peakIncidence").GetDouble(), rows[peakIncidenceDay][5]);
    }

    [Fact]
    public async Task Seir_with_a_65_plus_group_under_proportional_mixing_has_the_single_groups_totals()
    {
        var single = await RunAsync("seir", "--population", "1000000", "--r0", "2.5", "--latent", "4", "--infectious", "6",
            "--initial-infectious", "10", "--days", "200", "--out", "-");
        var twoGroups = await RunAsync("seir", "--population", "1000000", "--population-65", "150000", "--r0", "2.5",
            "--latent", "4", "--infectious", "6", "--initial-infectious", "10", "--days", "200", "--out", "-");

        Assert.True(single.Exit == 0 && twoGroups.Exit == 0, single.Err + twoGroups.Err);
        var (a, b) = (ReadCsv(single.Out, "day,S,E,I,R,new_infections"), ReadCsv(twoGroups.Out, "day,S,E,I,R,new_infections"));
        Assert.Equal(a.Count, b.Count);
        for (var d = 0; d < a.Count; d++)
        {
            for (var c = 1; c < 5; c++)
                Assert.True(Math.Abs(a[d][c] - b[d][c]) <= 1e-5 * 1_000_000, $"day {d} column {c}: {a[d][c]} vs {b[d][c]}");
        }
    }

    [Fact]
    public async Task Seir_scenarios_with_lockdown_and_vaccination_lower_the_attack_rate_and_drop_the_final_size_relation()
    {
        var baseline = await SeirSummaryAsync("--population", "1000000", "--population-65", "150000", "--r0", "2.5",
            "--latent", "4", "--infectious", "6", "--days", "365");
        var scenario = await SeirSummaryAsync("--population", "1000000", "--population-65", "150000", "--r0", "2.5",
            "--latent", "4", "--infectious", "6", "--days", "365",
            "--contact-change", "30:0.5", "--contact-change", "90:0.8", "--vaccination-65", "0.6");

        Assert.Equal(JsonValueKind.Object, baseline.GetProperty("finalSizeRelation").ValueKind);
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("finalSizeRelation").ValueKind);
        Assert.True(scenario.GetProperty("finalAttackRate").GetDouble() < baseline.GetProperty("finalAttackRate").GetDouble());
        Assert.True(scenario.GetProperty("peakDay").GetInt32() > baseline.GetProperty("peakDay").GetInt32());
    }

    [Theory]
    [InlineData("--r0 2.2 --latent 5.2 --infectious 7", "--population")]
    [InlineData("--population 0 --r0 2.2 --latent 5.2 --infectious 7", "--population")]
    [InlineData("--population 1000 --r0 x --latent 5.2 --infectious 7", "--r0")]
    [InlineData("--population 1000 --r0 2.2 --latent 0 --infectious 7", "--latent")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious -7", "--infectious")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --days 0", "--days")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --initial-infectious 2000", "--initial-infectious")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --population-65 1000", "--population-65")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --vaccination-65 0.6", "--vaccination-65")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --population-65 100 --vaccination-65 1.6", "--vaccination-65")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --contact-change 30", "--contact-change")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --contact-change 30:-1", "--contact-change")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --contact-change 30:0.5 --contact-change 30:0.8", "--contact-change")]
    [InlineData("--population 1000 --r0 2.2 --latent 5.2 --infectious 7 --out - --summary -", "--summary")]
    public async Task Seir_refuses_bad_options_with_exit_2_naming_the_option(string options, string named)
    {
        var run = await RunAsync(["seir", .. options.Split(' ')]);

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("error:", run.Err);
        Assert.Contains(named, run.Err);
    }

    // ---- hospital-demand --------------------------------------------------------------------------

    private static readonly string[] ChimeFixtureArgs =
    [
        "hospital-demand", "--population", "500000", "--current-hospitalized", "100", "--doubling-time", "6",
        "--relative-contact-rate", "0.15", "--hospitalized", "0.05:7", "--icu", "0.02:9", "--ventilated", "0.01:10",
        "--infectious-days", "14", "--market-share", "0.05", "--n-days", "60",
        "--current-date", "2020-03-28", "--mitigation-date", "2020-03-28",
    ];

    [Fact]
    public async Task Hospital_demand_with_chimes_fixture_gives_chimes_R0_Rt_doubling_time_and_census()
    {
        var (daily, summaryPath) = (Path.Combine(_directory, "chime.csv"), Path.Combine(_directory, "chime.json"));

        var run = await RunAsync([.. ChimeFixtureArgs, "--out", daily, "--summary", summaryPath]);

        Assert.True(run.Exit == 0, run.Err);
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var root = summary.RootElement;
        Assert.Equal(2.7144686763312222, root.GetProperty("r0").GetDouble(), 1e-12);
        Assert.Equal(2.307298374881539, root.GetProperty("rt").GetDouble(), 1e-12);
        Assert.Equal(7.764405988534983, root.GetProperty("doublingTimeWithDistancing").GetDouble(), 1e-12);
        Assert.Equal(6.0, root.GetProperty("doublingTime").GetDouble());
        Assert.Equal(0.12246204830937302, root.GetProperty("intrinsicGrowthRate").GetDouble(), 1e-15);
        Assert.Equal(43, root.GetProperty("currentDayIndex").GetInt32());

        // CHIME's test_sir.py figures, read back from the CSV.
        var lines = File.ReadAllLines(daily);
        Assert.Equal("day,date,susceptible,infected,recovered,admits_hospitalized,admits_icu,admits_ventilated,"
            + "census_hospitalized,census_icu,census_ventilated", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(104, rows.Count);
        Assert.Equal(new[] { "-43", "2020-02-14", "499600", "400", "0", "", "", "" }, rows[0][..8]);
        var today = rows[43];
        Assert.Equal(new[] { "0", "2020-03-28" }, today[..2]);
        Assert.Equal(45810.0, Math.Round(Number(today[3]), 0));
        Assert.Equal(100, Number(today[8]), 5.0);
        Assert.Equal(7083.0, Math.Round(Number(rows[30][4]), 0));
        Assert.Equal(new[] { "60", "2020-05-27" }, rows[^1][..2]);
        Assert.Equal(83391.0, Math.Round(Number(rows[^1][2]), 0));

        // Every figure is the library's ChimeResult, bit for bit.
        var model = ChimeModel.Run(new ChimeParameters
        {
            Population = 500_000, CurrentHospitalized = 100, DoublingTime = 6, RelativeContactRate = 0.15,
            Hospitalized = new ChimeDisposition(0.05, 7), Icu = new ChimeDisposition(0.02, 9), Ventilated = new ChimeDisposition(0.01, 10),
            InfectiousDays = 14, MarketShare = 0.05, NDays = 60,
            CurrentDate = new DateOnly(2020, 3, 28), MitigationDate = new DateOnly(2020, 3, 28),
        });
        Assert.Equal(2.7144686763312222, model.R0);
        for (var k = 0; k < rows.Count; k++)
        {
            double[] expected =
            [
                model.Sir.Susceptible[k], model.Sir.Infected[k], model.Sir.Recovered[k],
                model.Admissions.Hospitalized[k], model.Admissions.Icu[k], model.Admissions.Ventilated[k],
                model.Census.Hospitalized[k], model.Census.Icu[k], model.Census.Ventilated[k],
            ];
            Assert.Equal(model.Day[k], int.Parse(rows[k][0], CultureInfo.InvariantCulture));
            for (var c = 0; c < expected.Length; c++)
                Assert.Equal(expected[c], rows[k][c + 2] == "" ? double.NaN : Number(rows[k][c + 2]));
        }
    }

    [Fact]
    public async Task Hospital_demand_writes_the_csv_to_standard_output_by_default_and_the_summary_on_request()
    {
        var csv = await RunAsync(ChimeFixtureArgs);
        var json = await RunAsync([.. ChimeFixtureArgs, "--summary", "-"]);

        Assert.True(csv.Exit == 0 && json.Exit == 0, csv.Err + json.Err);
        Assert.StartsWith("day,date,susceptible,", csv.Out);
        Assert.Equal(105, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"rt\": 2.307298374881539", json.Out);
    }

    [Theory]
    [InlineData("--relative-contact-rate", "1.5")]
    [InlineData("--market-share", "0")]
    [InlineData("--hospitalized", "0.05")]
    [InlineData("--hospitalized", "0:7")]
    [InlineData("--icu", "0.02:0")]
    [InlineData("--ventilated", "x:10")]
    [InlineData("--n-days", "0")]
    [InlineData("--doubling-time", "-6")]
    [InlineData("--current-date", "28/03/2020")]
    [InlineData("--mitigation-date", "2020-12-01")]
    public async Task Hospital_demand_refuses_bad_options_with_exit_2_naming_the_option(string option, string value)
    {
        var args = ChimeFixtureArgs.ToList();
        var at = args.IndexOf(option);
        args[at + 1] = value;

        var run = await RunAsync([.. args]);

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains($"error: {option}", run.Err);
    }

    [Fact]
    public async Task Hospital_demand_requires_chimes_inputs()
    {
        var run = await RunAsync("hospital-demand", "--population", "500000");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--current-hospitalized", run.Err);
    }

    // ---- help -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("rt", "--si-distr")]
    [InlineData("seir", "--contact-change")]
    [InlineData("hospital-demand", "--market-share")]
    public async Task Each_analyst_command_documents_its_options_and_exit_codes(string command, string option)
    {
        var run = await RunAsync(command, "--help");
        var root = await RunAsync("--help");

        Assert.Equal(0, run.Exit);
        Assert.Contains(option, run.Out);
        Assert.Contains("Exit 0", run.Out);
        Assert.Contains("2 ", run.Out);
        Assert.Contains(command, root.Out);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    private static double Number(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await Cli.RunAsync(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private async Task<JsonElement> SeirSummaryAsync(params string[] options)
    {
        var path = Path.Combine(_directory, $"summary-{Guid.NewGuid():N}.json");
        var run = await RunAsync(["seir", .. options, "--summary", path]);
        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Out);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static List<double[]> ReadCsv(string text, string header)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(header, lines[0]);
        return lines.Skip(1).Select(l => l.Split(',').Select(Number).ToArray()).ToList();
    }

    // Same windows as EpiEstim's published result, every statistic to 1e-9 relative.
    private static void AssertSameWindows(string expectedPath, string actualCsv)
    {
        var expected = File.ReadAllLines(expectedPath).Where(l => l.Length > 0).ToList();
        var actual = actualCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(expected.Count, actual.Length);
        for (var row = 1; row < expected.Count; row++)
        {
            var want = expected[row].Split(',').Select(Number).ToArray();
            var got = actual[row].Split(',').Select(Number).ToArray();
            Assert.Equal(want.Length, got.Length);
            Assert.Equal(want[0], got[0]);
            Assert.Equal(want[1], got[1]);
            for (var c = 2; c < want.Length; c++)
            {
                Assert.True(Math.Abs(got[c] - want[c]) <= RelativeTolerance * Math.Abs(want[c]),
                    $"row {row} column {expected[0].Split(',')[c]}: expected {want[c]:R}, got {got[c]:R}");
            }
        }
    }
}

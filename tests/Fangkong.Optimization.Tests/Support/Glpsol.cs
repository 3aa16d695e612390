using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Fangkong.Optimization.Dimacs;

namespace Fangkong.Optimization.Tests.Support;

// Runs GLPK's `glpsol --mincost` on a DIMACS file and reads back its status and flows from the
// `-o` report. The flows are read rather than only the printed objective, so the objective can be
// recomputed exactly in integers instead of trusting a rounded decimal.
public static partial class Glpsol
{
    public const string Path = "/usr/bin/glpsol";

    // Under CI a skipped comparison would hide a missing proof, so there it fails instead.
    public static void RequireInstalled()
    {
        if (File.Exists(Path))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"{Path} is missing and CI=true: the GLPK comparison must run in CI (apt-get install glpk-utils).");
        }

        Assert.Skip("glpsol not installed (apt-get install glpk-utils)");
    }

    public static GlpsolSolution Solve(DimacsProblem problem)
    {
        string dir = Directory.CreateTempSubdirectory("fangkong-glpk-").FullName;
        try
        {
            string model = System.IO.Path.Combine(dir, "problem.min");
            string report = System.IO.Path.Combine(dir, "report.txt");
            using (var writer = new StreamWriter(model))
            {
                DimacsWriter.WriteProblem(writer, problem, "written by Fangkong.Optimization.Tests");
            }

            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "--mincost", model, "-o", report })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000))
            {
                process.Kill();
                Assert.Fail("glpsol did not finish within 120 s");
            }

            Assert.True(process.ExitCode == 0, $"glpsol exited with {process.ExitCode}: {stdout}{stderr.Result}");
            return Parse(File.ReadAllLines(report), stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static GlpsolSolution Parse(string[] lines, string stdout)
    {
        string status = lines.Select(l => StatusLine().Match(l)).First(m => m.Success).Groups[1].Value.Trim();
        string objective = lines.Select(l => ObjectiveLine().Match(l)).First(m => m.Success).Groups[1].Value;
        var flows = new Dictionary<(int From, int To), double>();
        for (int i = 0; i < lines.Length; i++)
        {
            var m = ColumnLine().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            // A long name pushes the values onto the next line.
            string rest = m.Groups[4].Value.Trim();
            if (rest.Length == 0)
            {
                rest = lines[++i].Trim();
            }

            string[] fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var key = (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) - 1,
                int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) - 1);
            Assert.True(flows.TryAdd(key, double.Parse(fields[1], CultureInfo.InvariantCulture)), $"parallel arc {key} in GLPK report");
        }

        return new GlpsolSolution(status, double.Parse(objective, CultureInfo.InvariantCulture), flows, stdout);
    }

    [GeneratedRegex(@"^Status:\s+(.*)$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^Objective:\s+(?:\S+\s+=\s+)?(\S+)")]
    private static partial Regex ObjectiveLine();

    [GeneratedRegex(@"^\s*(\d+)\s+x\[(\d+),(\d+)\](.*)$")]
    private static partial Regex ColumnLine();
}

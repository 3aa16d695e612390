using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fangkong.Cli.Tests;

// GLPK as the outside reference for the instances the CLI writes.
internal static partial class Glpsol
{
    public const string Path = "/usr/bin/glpsol";

    // Under CI a skipped comparison would hide a missing proof, so there it fails instead.
    public static void Require()
    {
        if (File.Exists(Path)) return;
        if (Environment.GetEnvironmentVariable("CI") == "true")
            Assert.Fail($"{Path} is missing and CI=true: the GLPK comparison must run in CI (apt-get install glpk-utils).");
        Assert.Skip("glpsol not installed (apt-get install glpk-utils)");
    }

    // glpsol's raw solution (-w) states the objective on its "s" line with 15 significant digits,
    // exact for these instances' integers (far below 2^53).
    public static long Objective(string model)
    {
        using var raw = new TempFile();
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--mincost", model, "-w", raw.Path }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"glpsol exited with {process.ExitCode}: {stdout}");
        Assert.Contains("OPTIMAL LP SOLUTION FOUND", stdout);
        var line = File.ReadLines(raw.Path).Select(l => SolutionLine().Match(l)).First(m => m.Success);
        double objective = double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(Math.Round(objective), objective);
        return (long)objective;
    }

    [GeneratedRegex(@"^s bas \d+ \d+ \w \w (\S+)$")]
    private static partial Regex SolutionLine();
}

internal sealed class TempFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fangkong-{Guid.NewGuid():N}.min");

    public void Dispose() => File.Delete(Path);
}

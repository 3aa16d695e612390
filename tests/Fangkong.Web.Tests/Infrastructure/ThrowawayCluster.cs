using System.Diagnostics;

namespace Fangkong.Web.Tests.Infrastructure;

// Lets `dotnet test` run the PostgreSQL half of the suite on any machine with the PostgreSQL server
// installed: when FANGKONG_TEST_POSTGRES is not set, scripts/postgres-throwaway.sh starts (or reuses)
// a cluster on a loopback port and the tests use it.
internal static class ThrowawayCluster
{
    public static string? TryStart()
    {
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        var script = FindScript();
        if (script is null) return null;
        var start = new ProcessStartInfo("bash", [script, "start"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start);
        if (process is null) return null;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000);
        if (process.ExitCode != 0) return null;
        // The script prints: export FANGKONG_TEST_POSTGRES='...'
        var quote = output.IndexOf('\'');
        var end = output.LastIndexOf('\'');
        return quote >= 0 && end > quote ? output[(quote + 1)..end] : null;
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres-throwaway.sh");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

using System.Text.RegularExpressions;

namespace Fangkong.Web.Tests;

// The pages' Content-Security-Policy is script-src 'self': the browser silently refuses inline handlers and
// inline scripts, so a control wired that way does nothing (the screening round picker uploaded to the wrong
// round). Behaviour comes from files in wwwroot/js; data for them from <script type="application/json">.
public sealed partial class InlineScriptTests
{
    [Fact]
    public void No_page_has_an_inline_event_handler_or_an_inline_script()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Fangkong.Web");
        var offenders = Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (File: Path.GetRelativePath(web, file), Line: i + 1, Text: line)))
            .Where(l => InlineHandler().IsMatch(l.Text) || l.Text.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
                        || (ScriptTag().IsMatch(l.Text) && !l.Text.Contains("src=", StringComparison.Ordinal) && !l.Text.Contains("application/json", StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fangkong.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    // onchange="…", onclick='…' and the like, as attributes of an element.
    [GeneratedRegex("""<[^>]*\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("""<script\b""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}

using System.Text.RegularExpressions;
using Fangkong.Web.Platform.Localization;

namespace Fangkong.Web.Tests;

public sealed partial class UiTextTests
{
    private static readonly UiText Text = new();

    [Fact]
    public void Every_interface_string_exists_in_simplified_and_traditional_Chinese_and_English()
    {
        foreach (var (key, texts) in Text.Table)
        {
            if (key.EndsWith('.') || key.EndsWith(".6", StringComparison.Ordinal)) continue; // deliberate empty fallbacks
            Assert.True(texts.Length == 3, $"{key} has {texts.Length} languages");
            Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t), $"{key} has an empty translation"));
        }
    }

    [Fact]
    public void Every_literal_key_used_by_a_page_is_in_the_table()
    {
        var features = Path.Combine(RepositoryRoot(), "src", "Fangkong.Web", "Features");
        var missing = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => KeyUse().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .Where(use => !use.Key.EndsWith('.') && !Text.Table.ContainsKey(use.Key))
            .Select(use => $"{use.File}: {use.Key}")
            .ToList();
        Assert.Empty(missing);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fangkong.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex("""T\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex KeyUse();
}

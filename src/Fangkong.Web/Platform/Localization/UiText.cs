using System.Globalization;
using System.Text.Json;

namespace Fangkong.Web.Platform.Localization;

// Interface text in the three supported languages, kept in one table (Resources/ui-text.json, one
// entry per key with zh-Hans, zh-Hant and en) so a test can check that no language lacks a string.
public sealed class UiText
{
    public static readonly string[] Cultures = ["zh-Hans", "zh-Hant", "en"];
    public const string DefaultCulture = "zh-Hans";

    private readonly Dictionary<string, string[]> _table;

    public UiText() : this(Path.Combine(AppContext.BaseDirectory, "Resources", "ui-text.json")) { }

    public UiText(string path)
    {
        using var stream = File.OpenRead(path);
        _table = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidDataException($"{path} is empty");
    }

    public IReadOnlyDictionary<string, string[]> Table => _table;

    public string this[string key] => Get(key, CultureInfo.CurrentUICulture);

    public string this[string key, params object[] args] => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public string Get(string key, CultureInfo culture)
    {
        if (!_table.TryGetValue(key, out var texts)) return key;
        var index = IndexOf(culture);
        return texts.Length > index && texts[index].Length > 0 ? texts[index] : texts[0];
    }

    public static int IndexOf(CultureInfo culture) => culture.Name switch
    {
        "zh-Hant" or "zh-TW" or "zh-HK" or "zh-MO" => 1,
        var n when n.StartsWith("en", StringComparison.Ordinal) => 2,
        _ => 0,
    };

    public static string CurrentLanguage => Cultures[IndexOf(CultureInfo.CurrentUICulture)];
}

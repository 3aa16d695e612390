using System.Globalization;
using System.Text.Json;

namespace Fangkong.Web.Platform.Localization;

// Interface text in the three supported languages, kept in one table (Resources/ui-text.json, one
// entry per key with zh-Hans, zh-Hant and en) so a test can check that no language lacks a string.
// A module may keep its strings in its own Resources/ui-text.<module>.json; the files are merged and
// a key defined twice is an error, so two modules cannot silently overwrite each other's text.
public sealed class UiText
{
    public static readonly string[] Cultures = ["zh-Hans", "zh-Hant", "en"];
    public const string DefaultCulture = "zh-Hans";

    private readonly Dictionary<string, string[]> _table;

    public UiText() : this(Path.Combine(AppContext.BaseDirectory, "Resources", "ui-text.json")) { }

    public UiText(string path)
    {
        _table = Read(path);
        var directory = Path.GetDirectoryName(path)!;
        var pattern = Path.GetFileNameWithoutExtension(path) + ".*.json";
        foreach (var extra in Directory.EnumerateFiles(directory, pattern).Order(StringComparer.Ordinal))
        {
            foreach (var (key, texts) in Read(extra))
            {
                if (!_table.TryAdd(key, texts))
                    throw new InvalidDataException($"UI text key '{key}' in {extra} is already defined.");
            }
        }
    }

    private static Dictionary<string, string[]> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
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

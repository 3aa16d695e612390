namespace Fangkong.Epidemiology.Reproduction;

// Column lookup by case-insensitive name; every column must be claimed, so a typo is reported rather
// than silently ignored.
internal sealed class CsvHeader(string[] names)
{
    private readonly HashSet<int> _claimed = [];

    public int Count => names.Length;

    public bool Has(string name) => Index(name) >= 0;

    public int Require(string name)
    {
        var index = Index(name);
        if (index < 0)
        {
            throw new FormatException($"line 1: missing column '{name}' (header: {string.Join(',', names)}).");
        }

        if (Array.FindLastIndex(names, n => Same(n, name)) != index)
        {
            throw new FormatException($"line 1: column '{name}' appears more than once.");
        }

        _claimed.Add(index);
        return index;
    }

    public void RejectOthers(string expected)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (!_claimed.Contains(i))
            {
                throw new FormatException($"line 1: unexpected column '{names[i]}'; expected {expected}.");
            }
        }
    }

    private int Index(string name) => Array.FindIndex(names, n => Same(n, name));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

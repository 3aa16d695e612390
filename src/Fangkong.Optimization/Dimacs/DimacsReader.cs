using System.Globalization;

namespace Fangkong.Optimization.Dimacs;

// Reads the DIMACS min-cost flow format, the one `glpsol --mincost` reads:
//   c comment
//   p min NODES ARCS
//   n ID FLOW            (FLOW > 0 is a supply, < 0 a demand; 1-based ID)
//   a SRC DST LOW CAP COST
// Every error names its line, because these files are written by hand as often as by programs.
public static class DimacsReader
{
    public static DimacsProblem ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static DimacsProblem Parse(string text)
    {
        using var reader = new StringReader(text);
        return Read(reader);
    }

    public static DimacsProblem Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        long[]? supplies = null;
        bool[]? supplySeen = null;
        DimacsArc[]? arcs = null;
        int arcCount = 0;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0] == "c")
            {
                continue;
            }

            switch (fields[0])
            {
                case "p":
                    if (supplies is not null)
                    {
                        throw Error(lineNumber, "a second problem line 'p'");
                    }

                    Expect(fields, 4, lineNumber, "p min NODES ARCS");
                    if (fields[1] != "min")
                    {
                        throw Error(lineNumber, $"problem type '{fields[1]}' is not 'min'");
                    }

                    int nodes = ParseInt(fields[2], lineNumber, "NODES");
                    int declaredArcs = ParseInt(fields[3], lineNumber, "ARCS");
                    if (nodes < 0 || declaredArcs < 0)
                    {
                        throw Error(lineNumber, "NODES and ARCS must not be negative");
                    }

                    supplies = new long[nodes];
                    supplySeen = new bool[nodes];
                    arcs = new DimacsArc[declaredArcs];
                    break;

                case "n":
                    RequireProblemLine(supplies, lineNumber);
                    Expect(fields, 3, lineNumber, "n ID FLOW");
                    int node = ParseNode(fields[1], supplies!.Length, lineNumber);
                    if (supplySeen![node])
                    {
                        throw Error(lineNumber, $"node {node + 1} has a second 'n' line");
                    }

                    supplySeen[node] = true;
                    supplies[node] = ParseLong(fields[2], lineNumber, "FLOW");
                    break;

                case "a":
                    RequireProblemLine(supplies, lineNumber);
                    Expect(fields, 6, lineNumber, "a SRC DST LOW CAP COST");
                    if (arcCount == arcs!.Length)
                    {
                        throw Error(lineNumber, $"more arcs than the {arcs.Length} declared on the 'p' line");
                    }

                    int from = ParseNode(fields[1], supplies!.Length, lineNumber);
                    int to = ParseNode(fields[2], supplies.Length, lineNumber);
                    long lower = ParseLong(fields[3], lineNumber, "LOW");
                    long capacity = ParseLong(fields[4], lineNumber, "CAP");
                    long cost = ParseLong(fields[5], lineNumber, "COST");
                    if (lower < 0)
                    {
                        throw Error(lineNumber, $"lower bound {lower} is negative");
                    }

                    if (capacity < lower)
                    {
                        throw Error(lineNumber, $"capacity {capacity} is below the lower bound {lower}");
                    }

                    arcs[arcCount++] = new DimacsArc(from, to, lower, capacity, cost);
                    break;

                default:
                    throw Error(lineNumber, $"unknown line type '{fields[0]}' (expected c, p, n or a)");
            }
        }

        if (supplies is null)
        {
            throw new FormatException("DIMACS min-cost flow: no problem line 'p min NODES ARCS'.");
        }

        if (arcCount != arcs!.Length)
        {
            throw new FormatException(
                $"DIMACS min-cost flow: the 'p' line declares {arcs.Length} arcs but {arcCount} were read.");
        }

        return new DimacsProblem(supplies, arcs);
    }

    private static void RequireProblemLine(long[]? supplies, int lineNumber)
    {
        if (supplies is null)
        {
            throw Error(lineNumber, "a node or arc line before the problem line 'p min NODES ARCS'");
        }
    }

    private static void Expect(string[] fields, int count, int lineNumber, string shape)
    {
        if (fields.Length != count)
        {
            throw Error(lineNumber, $"expected '{shape}' but found {fields.Length} fields");
        }
    }

    private static int ParseNode(string text, int nodeCount, int lineNumber)
    {
        int id = ParseInt(text, lineNumber, "node id");
        if (id < 1 || id > nodeCount)
        {
            throw Error(lineNumber, $"node id {id} is outside 1..{nodeCount}");
        }

        return id - 1;
    }

    private static int ParseInt(string text, int lineNumber, string what) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error(lineNumber, $"{what} '{text}' is not an integer");

    private static long ParseLong(string text, int lineNumber, string what) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw Error(lineNumber, $"{what} '{text}' is not an integer");

    private static FormatException Error(int lineNumber, string message) =>
        new($"DIMACS min-cost flow, line {lineNumber}: {message}.");
}

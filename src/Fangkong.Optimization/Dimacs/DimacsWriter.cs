using System.Globalization;
using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Dimacs;

public static class DimacsWriter
{
    public static void WriteProblem(TextWriter writer, DimacsProblem problem, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(problem);
        var inv = CultureInfo.InvariantCulture;
        if (comment is not null)
        {
            foreach (string line in comment.Split('\n'))
            {
                writer.WriteLine($"c {line.TrimEnd('\r')}");
            }
        }

        writer.WriteLine(string.Create(inv, $"p min {problem.NodeCount} {problem.Arcs.Count}"));
        for (int u = 0; u < problem.NodeCount; u++)
        {
            // Balanced nodes are left out, as in the published DIMACS instances.
            if (problem.Supplies[u] != 0)
            {
                writer.WriteLine(string.Create(inv, $"n {u + 1} {problem.Supplies[u]}"));
            }
        }

        foreach (var arc in problem.Arcs)
        {
            writer.WriteLine(string.Create(inv, $"a {arc.From + 1} {arc.To + 1} {arc.Lower} {arc.Capacity} {arc.Cost}"));
        }
    }

    // DIMACS solution format: "s COST", then "f SRC DST FLOW" for every arc with flow. A problem
    // without an optimum gets "s INFEASIBLE" or "s UNBOUNDED" and no flow lines.
    public static void WriteSolution(TextWriter writer, DimacsProblem problem, MinCostFlowResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        switch (result.Status)
        {
            case MinCostFlowStatus.Infeasible:
                writer.WriteLine("s INFEASIBLE");
                return;
            case MinCostFlowStatus.Unbounded:
                writer.WriteLine("s UNBOUNDED");
                return;
        }

        writer.WriteLine(string.Create(inv, $"s {result.TotalCost}"));
        for (int e = 0; e < problem.Arcs.Count; e++)
        {
            if (result.Flow(e) != 0)
            {
                var arc = problem.Arcs[e];
                writer.WriteLine(string.Create(inv, $"f {arc.From + 1} {arc.To + 1} {result.Flow(e)}"));
            }
        }
    }
}

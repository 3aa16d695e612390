using System.Globalization;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Cli.Commands;

// `fangkong mcf solve FILE.min`: the allocation engine's min-cost-flow core on any instance in the
// DIMACS format that glpsol --mincost also reads, so the two can be run side by side.
internal static class McfCommand
{
    public static Command Create(CliHost host)
    {
        var file = AnalystOptions.File("--out", "Solution file in the DIMACS solution format (s COST, f SRC DST FLOW); - or absent for standard output.",
            required: false, helpName: "FILE|-");
        var instance = new Argument<string>("FILE") { Description = "A DIMACS min-cost flow instance (p min, n, a lines; - reads standard input)." };
        var solve = new Command("solve",
            "Solve a min-cost flow instance exactly with the network simplex and print the optimal cost and the flows, "
            + "after comment lines (c) with the read and solve times. "
            + "Exit codes: 0 optimal; 1 infeasible or unbounded; 2 unreadable instance or bad options.")
        {
            instance, file,
        };
        solve.SetAction(parse =>
        {
            var terminal = host.Terminal;
            var clock = TimeProvider.System;
            var readStarted = clock.GetTimestamp();
            var problem = AnalystOptions.Read(terminal, "FILE", parse.GetValue(instance)!, DimacsReader.Read);
            if (problem is null) return ExitCodes.Usage;
            var readTime = clock.GetElapsedTime(readStarted);
            var solveStarted = clock.GetTimestamp();
            var result = problem.Solve();
            var solveTime = clock.GetElapsedTime(solveStarted);
            // Timings as DIMACS comment lines: readers skip them, and a benchmark can compare the
            // solver alone with glpsol's and clp's own reported solve times, without process start-up.
            var written = AnalystOptions.Write(terminal, "--out", parse.GetValue(file) ?? "-", writer =>
            {
                var inv = CultureInfo.InvariantCulture;
                writer.WriteLine(string.Create(inv, $"c nodes {problem.NodeCount} arcs {problem.Arcs.Count}"));
                writer.WriteLine(string.Create(inv, $"c read time {readTime.TotalMilliseconds:0.0} ms"));
                writer.WriteLine(string.Create(inv, $"c solve time {solveTime.TotalMilliseconds:0.0} ms"));
                DimacsWriter.WriteSolution(writer, problem, result);
            });
            if (!written) return ExitCodes.Usage;
            return result.Status == MinCostFlowStatus.Optimal ? ExitCodes.Ok : ExitCodes.Failed;
        });
        var command = new Command("mcf", "Min-cost flow: the optimisation core used by allocation and placement.")
        {
            solve, McfCityInstanceCommand.Create(host), McfPlacementInstanceCommand.Create(host),
        };
        return command;
    }
}

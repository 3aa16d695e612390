namespace Fangkong.Cli.Tests;

public sealed class McfCommandTests
{
    // Ahuja, Magnanti & Orlin's four-node example: optimal cost 14.
    private const string Classic = "c classic four-node example\np min 4 5\nn 1 4\nn 4 -4\na 1 2 0 4 2\na 1 3 0 2 2\na 2 3 0 2 1\na 2 4 0 3 3\na 3 4 0 5 1\n";

    [Fact]
    public async Task Solve_prints_the_optimal_cost_and_the_flows_in_DIMACS_solution_format()
    {
        var (exit, output, _) = await Run(Classic);
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("s 14", lines);
        var flows = lines.Where(l => l.StartsWith("f ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        Assert.Equal(4, flows.Where(f => f[1] == "1").Sum(f => long.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task An_infeasible_instance_exits_1_and_an_unreadable_one_exits_2_naming_the_line()
    {
        Assert.Equal(1, (await Run("p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 3 1\n")).Exit);
        var (exit, _, errors) = await Run("p min 2 1\nn 1 5\nn 3 -5\n");
        Assert.Equal(2, exit);
        Assert.Contains("line 3", errors);
    }

    private static async Task<(int Exit, string Out, string Err)> Run(string instance)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fangkong-mcf-{Guid.NewGuid():N}.min");
        await File.WriteAllTextAsync(path, instance);
        try
        {
            var (output, errors) = (new StringWriter(), new StringWriter());
            var exit = await Cli.RunAsync(["mcf", "solve", path], output, errors);
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests.Dimacs;

public sealed class DimacsFormatTests
{
    private const string Classic = """
        c classic four-node example
        p min 4 5
        n 1 4
        n 4 -4
        a 1 2 0 4 2
        a 1 3 0 2 2
        a 2 3 0 2 1
        a 2 4 0 3 3
        a 3 4 0 5 1
        """;

    [Fact]
    public void Reading_a_problem_converts_one_based_ids_and_keeps_supplies_and_arcs()
    {
        var problem = DimacsReader.Parse(Classic);

        Assert.Equal(4, problem.NodeCount);
        Assert.Equal([4L, 0, 0, -4], problem.Supplies);
        Assert.Equal(new DimacsArc(1, 3, 0, 3, 3), problem.Arcs[3]);
        Assert.Equal(14, problem.Solve().TotalCost);
    }

    [Fact]
    public void Writing_then_reading_a_problem_gives_the_same_problem()
    {
        var problem = DimacsReader.Parse(Classic);
        var text = new StringWriter();

        DimacsWriter.WriteProblem(text, problem, "round trip");
        var again = DimacsReader.Parse(text.ToString());

        Assert.Equal(problem.Supplies, again.Supplies);
        Assert.Equal(problem.Arcs, again.Arcs);
    }

    [Fact]
    public void Solution_is_written_as_cost_line_then_flow_lines_for_arcs_with_flow()
    {
        var problem = DimacsReader.Parse(Classic);
        var text = new StringWriter();

        DimacsWriter.WriteSolution(text, problem, problem.Solve());

        Assert.Equal(
            ["s 14", "f 1 2 2", "f 1 3 2", "f 2 3 2", "f 3 4 4"],
            text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Infeasible_problem_is_written_as_an_infeasible_solution_line()
    {
        var problem = DimacsReader.Parse("p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 3 1\n");
        var text = new StringWriter();

        DimacsWriter.WriteSolution(text, problem, problem.Solve());

        Assert.Equal("s INFEASIBLE", text.ToString().Trim());
    }

    [Fact]
    public void Lower_bounds_are_forced_through_and_counted_in_the_cost()
    {
        // Without the lower bound everything would go on the cost-1 arc; 3 units must take the cost-5 arc.
        var problem = DimacsReader.Parse("p min 2 2\nn 1 10\nn 2 -10\na 1 2 3 10 5\na 1 2 0 10 1\n");

        var r = problem.Solve();

        Assert.Equal(MinCostFlowStatus.Optimal, r.Status);
        Assert.Equal([3L, 7], r.Flows);
        Assert.Equal((3 * 5) + 7, r.TotalCost);
    }

    [Fact]
    public void Lower_bounds_that_cannot_be_met_make_the_problem_infeasible()
    {
        var problem = DimacsReader.Parse("p min 2 1\na 1 2 4 10 1\n");

        Assert.Equal(MinCostFlowStatus.Infeasible, problem.Solve().Status);
    }

    [Fact]
    public void Lower_bound_transformation_keeps_an_optimality_certificate_on_the_shifted_network()
    {
        var problem = DimacsReader.Parse("p min 3 3\nn 1 8\nn 3 -8\na 1 2 2 8 1\na 2 3 0 8 1\na 1 3 1 8 3\n");
        var shifted = problem.ToNetwork();

        var r = NetworkSimplex.Solve(shifted);

        FlowCertificate.AssertOptimal(shifted, r);
        Assert.Equal((7 * 2) + 3, problem.Restore(r).TotalCost);
    }

    [Theory]
    [InlineData("a 1 2 0 1 1\n", 1, "before the problem line")]
    [InlineData("p max 2 1\n", 1, "is not 'min'")]
    [InlineData("c ok\np min 2 1\na 1 3 0 1 1\n", 3, "node id 3 is outside 1..2")]
    [InlineData("p min 2 1\nn 1 x\n", 2, "FLOW 'x' is not an integer")]
    [InlineData("p min 2 1\na 1 2 0 1\n", 2, "expected 'a SRC DST LOW CAP COST'")]
    [InlineData("p min 2 1\na 1 2 5 1 1\n", 2, "below the lower bound")]
    [InlineData("p min 2 1\na 1 2 -1 1 1\n", 2, "is negative")]
    [InlineData("p min 2 1\nn 1 1\nn 1 1\n", 3, "second 'n' line")]
    [InlineData("p min 2 1\na 1 2 0 1 1\na 2 1 0 1 1\n", 3, "more arcs than the 1 declared")]
    [InlineData("p min 2 1\np min 2 1\n", 2, "second problem line")]
    [InlineData("p min 2 1\nx 1\n", 2, "unknown line type 'x'")]
    public void Malformed_line_is_refused_with_its_line_number(string text, int line, string message)
    {
        var ex = Assert.Throws<FormatException>(() => DimacsReader.Parse(text));

        Assert.Contains($"line {line}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_arcs_than_declared_is_refused()
    {
        var ex = Assert.Throws<FormatException>(() => DimacsReader.Parse("p min 2 2\na 1 2 0 1 1\n"));

        Assert.Contains("declares 2 arcs but 1 were read", ex.Message, StringComparison.Ordinal);
    }
}

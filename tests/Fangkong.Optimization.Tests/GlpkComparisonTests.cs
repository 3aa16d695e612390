using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests;

// The same DIMACS file goes to our solver and to `glpsol --mincost`. GLPK's objective is recomputed
// in integers from its flows (its printed objective is a rounded decimal), and must equal ours.
public sealed class GlpkComparisonTests
{
    public static TheoryData<int, int, int> AllocationInstances()
    {
        var data = new TheoryData<int, int, int>();
        var random = new Random(20221207);
        for (int seed = 1; seed <= 20; seed++)
        {
            data.Add(seed, random.Next(5, 41), random.Next(20, 301));
        }

        return data;
    }

    public static TheoryData<int, int, int> SparseInstances()
    {
        var data = new TheoryData<int, int, int>();
        var random = new Random(7);
        for (int seed = 101; seed <= 110; seed++)
        {
            data.Add(seed, random.Next(50, 1_001), random.Next(2, 9));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllocationInstances))]
    public void Allocation_network_optimum_equals_glpk(int seed, int sources, int sites)
    {
        Glpsol.RequireInstalled();
        AssertSameOptimumAsGlpk(InstanceGenerator.Allocation(seed, sources, sites));
    }

    [Theory]
    [MemberData(nameof(SparseInstances))]
    public void Random_sparse_network_optimum_equals_glpk(int seed, int nodes, int arcsPerNode)
    {
        Glpsol.RequireInstalled();
        AssertSameOptimumAsGlpk(InstanceGenerator.RandomSparse(seed, nodes, arcsPerNode));
    }

    [Fact]
    public void Lower_bounded_problem_optimum_equals_glpk()
    {
        Glpsol.RequireInstalled();
        var net = InstanceGenerator.RandomSparse(555, 200, 5);
        var random = new Random(555);
        var original = DimacsProblem.FromNetwork(net);
        var ours = original.Solve();
        Assert.Equal(MinCostFlowStatus.Optimal, ours.Status);

        // Lower bounds below a known feasible flow keep the problem feasible but force flow.
        var arcs = original.Arcs
            .Select((a, e) => a with { Lower = ours.Flow(e) == 0 ? 0 : random.Next(0, (int)ours.Flow(e) + 1) })
            .ToArray();
        var bounded = new DimacsProblem([.. original.Supplies], arcs);

        AssertSameOptimumAsGlpk(bounded);
    }

    [Fact]
    public void Infeasible_problem_is_infeasible_for_glpk_too()
    {
        Glpsol.RequireInstalled();
        var problem = DimacsReader.Parse("p min 3 2\nn 1 10\nn 3 -10\na 1 2 0 5 1\na 2 3 0 100 1\n");

        Assert.Equal(MinCostFlowStatus.Infeasible, problem.Solve().Status);
        var glpk = Glpsol.Solve(problem);
        Assert.False(glpk.IsOptimal);
        Assert.Contains("NO PRIMAL FEASIBLE SOLUTION", glpk.Output, StringComparison.Ordinal);
    }

    private static void AssertSameOptimumAsGlpk(FlowNetwork network)
    {
        var problem = DimacsProblem.FromNetwork(network);
        FlowCertificate.AssertOptimal(network, NetworkSimplex.Solve(network));
        AssertSameOptimumAsGlpk(problem);
    }

    private static void AssertSameOptimumAsGlpk(DimacsProblem problem)
    {
        // Solve from the written file, so the writer and reader are on the path GLPK sees too.
        var text = new StringWriter();
        DimacsWriter.WriteProblem(text, problem);
        var ours = DimacsReader.Parse(text.ToString()).Solve();
        var glpk = Glpsol.Solve(problem);

        Assert.Equal(MinCostFlowStatus.Optimal, ours.Status);
        Assert.True(glpk.IsOptimal, $"GLPK status {glpk.Status}");
        Assert.Equal(problem.Arcs.Count, glpk.Flows.Count);

        long glpkObjective = 0;
        foreach (var arc in problem.Arcs)
        {
            double value = glpk.Flows[(arc.From, arc.To)];
            long flow = (long)Math.Round(value);
            Assert.True(Math.Abs(value - flow) < 1e-6, $"GLPK flow {value} on {arc} is not integral");
            glpkObjective += flow * arc.Cost;
        }

        Assert.Equal(glpkObjective, ours.TotalCost);

        // The report prints the objective to about 7 significant digits, so this is only a sanity
        // check that the flows were read against the right arcs.
        Assert.Equal(glpk.PrintedObjective, ours.TotalCost, tolerance: (Math.Abs(glpk.PrintedObjective) * 1e-6) + 1);
    }
}

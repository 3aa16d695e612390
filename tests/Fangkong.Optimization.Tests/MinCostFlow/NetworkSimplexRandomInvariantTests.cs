using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests.MinCostFlow;

// Each instance is feasible by construction; the certificate (capacity, conservation, cost,
// complementary slackness with the returned potentials) proves the optimum on its own.
public sealed class NetworkSimplexRandomInvariantTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_sparse_network_solution_carries_an_optimality_certificate(int seed)
    {
        var random = new Random(seed);
        var net = InstanceGenerator.RandomSparse(seed, nodes: random.Next(2, 120), arcsPerNode: random.Next(1, 8));

        FlowCertificate.AssertOptimal(net, NetworkSimplex.Solve(net));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_allocation_network_solution_carries_an_optimality_certificate(int seed)
    {
        var random = new Random(seed);
        var net = InstanceGenerator.Allocation(seed, sources: random.Next(1, 12), sites: random.Next(1, 60));

        FlowCertificate.AssertOptimal(net, NetworkSimplex.Solve(net));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Dense_degenerate_network_with_many_ties_is_solved_to_a_certified_optimum(int seed)
    {
        // Costs in {0, 1} make ties everywhere and many pivots degenerate: the strongly feasible
        // tree is what keeps the solver from cycling here.
        var net = InstanceGenerator.RandomSparse(seed, nodes: 80, arcsPerNode: 20, minCost: 0, maxCost: 1);

        FlowCertificate.AssertOptimal(net, NetworkSimplex.Solve(net));
    }
}

using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests.MinCostFlow;

public sealed class NetworkSimplexKnownOptimaTests
{
    [Fact]
    public void Classic_four_node_network_sends_four_units_at_cost_fourteen()
    {
        // 1->3->4 costs 3 but takes 2 units; the other 2 go 1->2->3->4 (cost 4), not 1->2->4 (cost 5).
        var net = new FlowNetwork(4);
        int a12 = net.AddArc(0, 1, 4, 2);
        int a13 = net.AddArc(0, 2, 2, 2);
        int a23 = net.AddArc(1, 2, 2, 1);
        int a24 = net.AddArc(1, 3, 3, 3);
        int a34 = net.AddArc(2, 3, 5, 1);
        net.SetSupply(0, 4);
        net.SetSupply(3, -4);

        var r = NetworkSimplex.Solve(net);

        FlowCertificate.AssertOptimal(net, r);
        Assert.Equal(14, r.TotalCost);
        Assert.Equal([2L, 2, 2, 0, 4], new[] { r.Flow(a12), r.Flow(a13), r.Flow(a23), r.Flow(a24), r.Flow(a34) });
    }

    [Fact]
    public void Transportation_problem_gives_the_cheaper_source_to_the_site_where_it_saves_most()
    {
        // Supplies 20 and 30, demands 10, 25, 15. Source 1 saves 1, 6 and 3 per unit over source 2,
        // so all 20 of its units go to site 2: 20*6 + 10*9 + 5*12 + 15*13 = 465.
        long[,] cost = { { 8, 6, 10 }, { 9, 12, 13 } };
        var net = new FlowNetwork(5);
        net.SetSupply(0, 20);
        net.SetSupply(1, 30);
        net.SetSupply(2, -10);
        net.SetSupply(3, -25);
        net.SetSupply(4, -15);
        for (int s = 0; s < 2; s++)
        {
            for (int d = 0; d < 3; d++)
            {
                net.AddArc(s, 2 + d, 100, cost[s, d]);
            }
        }

        var r = NetworkSimplex.Solve(net);

        FlowCertificate.AssertOptimal(net, r);
        Assert.Equal(465, r.TotalCost);
        Assert.Equal(20, r.Flow(1));
    }

    [Fact]
    public void Supply_that_cannot_cross_the_cut_is_infeasible()
    {
        var net = new FlowNetwork(3);
        net.AddArc(0, 1, 5, 1);
        net.AddArc(1, 2, 100, 1);
        net.SetSupply(0, 10);
        net.SetSupply(2, -10);

        Assert.Equal(MinCostFlowStatus.Infeasible, NetworkSimplex.Solve(net).Status);
    }

    [Fact]
    public void Supplies_that_do_not_balance_are_infeasible()
    {
        var net = new FlowNetwork(2);
        net.AddArc(0, 1, 100, 1);
        net.SetSupply(0, 10);
        net.SetSupply(1, -9);

        Assert.Equal(MinCostFlowStatus.Infeasible, NetworkSimplex.Solve(net).Status);
    }

    [Fact]
    public void Zero_cost_cycles_do_not_change_the_optimum_or_stall_the_solver()
    {
        var net = new FlowNetwork(4);
        net.AddArc(0, 1, 10, 0);
        net.AddArc(1, 2, 10, 0);
        net.AddArc(2, 0, 10, 0);
        net.AddArc(2, 3, 10, 7);
        net.AddArc(1, 3, 3, 5);
        net.SetSupply(0, 6);
        net.SetSupply(3, -6);

        var r = NetworkSimplex.Solve(net);

        FlowCertificate.AssertOptimal(net, r);
        Assert.Equal((3 * 5) + (3 * 7), r.TotalCost);
    }

    [Fact]
    public void Negative_cycle_with_capacities_is_saturated_without_any_supply()
    {
        var net = new FlowNetwork(3);
        net.AddArc(0, 1, 5, -1);
        net.AddArc(1, 2, 7, -1);
        net.AddArc(2, 0, 9, -1);

        var r = NetworkSimplex.Solve(net);

        FlowCertificate.AssertOptimal(net, r);
        Assert.Equal(-15, r.TotalCost);
    }

    [Fact]
    public void Negative_cycle_of_uncapacitated_arcs_is_unbounded()
    {
        var net = new FlowNetwork(3);
        net.AddArc(0, 1, FlowNetwork.InfiniteCapacity, -1);
        net.AddArc(1, 2, FlowNetwork.InfiniteCapacity, 0);
        net.AddArc(2, 0, FlowNetwork.InfiniteCapacity, 0);

        Assert.Equal(MinCostFlowStatus.Unbounded, NetworkSimplex.Solve(net).Status);
    }

    [Fact]
    public void Uncapacitated_arcs_without_a_negative_cycle_have_an_optimum()
    {
        var net = new FlowNetwork(3);
        net.AddArc(0, 1, FlowNetwork.InfiniteCapacity, 4);
        net.AddArc(0, 2, FlowNetwork.InfiniteCapacity, 1);
        net.AddArc(2, 1, FlowNetwork.InfiniteCapacity, 1);
        net.SetSupply(0, 1_000_000_000_000);
        net.SetSupply(1, -1_000_000_000_000);

        var r = NetworkSimplex.Solve(net);

        FlowCertificate.AssertOptimal(net, r);
        Assert.Equal(2_000_000_000_000, r.TotalCost);
    }

    [Fact]
    public void Parallel_arcs_fill_the_cheaper_one_first()
    {
        var net = new FlowNetwork(2);
        int dear = net.AddArc(0, 1, 10, 9);
        int cheap = net.AddArc(0, 1, 4, 2);
        net.SetSupply(0, 6);
        net.SetSupply(1, -6);

        var r = NetworkSimplex.Solve(net);

        FlowCertificate.AssertOptimal(net, r);
        Assert.Equal(4, r.Flow(cheap));
        Assert.Equal(2, r.Flow(dear));
    }

    [Fact]
    public void Network_without_nodes_or_supplies_is_optimal_at_zero()
    {
        Assert.Equal(MinCostFlowStatus.Optimal, NetworkSimplex.Solve(new FlowNetwork(0)).Status);

        var idle = new FlowNetwork(3);
        idle.AddArc(0, 1, 5, 3);
        var r = NetworkSimplex.Solve(idle);
        FlowCertificate.AssertOptimal(idle, r);
        Assert.Equal(0, r.TotalCost);
    }

    [Fact]
    public void Costs_too_large_for_exact_potentials_are_refused_rather_than_overflowing()
    {
        var net = new FlowNetwork(2);
        net.AddArc(0, 1, 1, long.MaxValue / 2);

        Assert.Throws<ArgumentException>(() => NetworkSimplex.Solve(net));
    }
}

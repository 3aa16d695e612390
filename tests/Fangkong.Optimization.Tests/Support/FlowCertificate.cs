using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Tests.Support;

// Checks a claimed optimum from first principles, trusting nothing the solver computed except the
// flows and potentials it returned: feasibility (capacity, conservation), the cost, and
// complementary slackness, which together are a proof of optimality for a min-cost flow LP.
public static class FlowCertificate
{
    public static void AssertOptimal(FlowNetwork network, MinCostFlowResult result)
    {
        Assert.Equal(MinCostFlowStatus.Optimal, result.Status);
        Assert.Equal(network.ArcCount, result.Flows.Count);
        Assert.Equal(network.NodeCount, result.Potentials.Count);

        var balance = new long[network.NodeCount];
        long cost = 0;
        for (int e = 0; e < network.ArcCount; e++)
        {
            long flow = result.Flow(e);
            Assert.InRange(flow, 0, network.Capacity(e));
            balance[network.From(e)] += flow;
            balance[network.To(e)] -= flow;
            cost += flow * network.Cost(e);

            long reduced = network.Cost(e) - result.Potential(network.From(e)) + result.Potential(network.To(e));
            if (flow < network.Capacity(e))
            {
                Assert.True(reduced >= 0, $"arc {e} has room but reduced cost {reduced} < 0");
            }

            if (flow > 0)
            {
                Assert.True(reduced <= 0, $"arc {e} carries {flow} but reduced cost {reduced} > 0");
            }
        }

        for (int u = 0; u < network.NodeCount; u++)
        {
            Assert.True(balance[u] == network.Supply(u), $"node {u} sends {balance[u]} net, supply is {network.Supply(u)}");
        }

        Assert.Equal(cost, result.TotalCost);
    }
}

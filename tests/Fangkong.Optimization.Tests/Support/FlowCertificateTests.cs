using Fangkong.Optimization.MinCostFlow;
using Xunit.Sdk;

namespace Fangkong.Optimization.Tests.Support;

// The certificate is the independent proof the other tests lean on, so it must itself reject a
// feasible flow that is not optimal.
public sealed class FlowCertificateTests
{
    [Fact]
    public void Certificate_rejects_a_feasible_flow_that_is_not_optimal()
    {
        var net = new FlowNetwork(2);
        net.AddArc(0, 1, 10, 9);
        net.AddArc(0, 1, 10, 2);
        net.SetSupply(0, 5);
        net.SetSupply(1, -5);
        var allOnTheDearArc = new MinCostFlowResult(MinCostFlowStatus.Optimal, 45, [5, 0], [9, 0]);

        Assert.ThrowsAny<XunitException>(() => FlowCertificate.AssertOptimal(net, allOnTheDearArc));
    }
}

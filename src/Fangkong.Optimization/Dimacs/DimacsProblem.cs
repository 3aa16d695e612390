using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Dimacs;

// A min-cost flow problem as the DIMACS format states it, lower bounds included. The solver only
// knows [0, capacity] arcs, so ToNetwork shifts each lower bound out (x = low + x') and Restore
// shifts it back; potentials are unchanged by the shift, so the optimality certificate carries over.
public sealed class DimacsProblem
{
    private readonly long[] _supplies;
    private readonly DimacsArc[] _arcs;

    public DimacsProblem(long[] supplies, DimacsArc[] arcs)
    {
        ArgumentNullException.ThrowIfNull(supplies);
        ArgumentNullException.ThrowIfNull(arcs);
        foreach (var arc in arcs)
        {
            if ((uint)arc.From >= (uint)supplies.Length || (uint)arc.To >= (uint)supplies.Length)
            {
                throw new ArgumentException($"Arc {arc} refers to a node outside [0, {supplies.Length}).", nameof(arcs));
            }

            if (arc.Lower < 0 || arc.Lower > arc.Capacity)
            {
                throw new ArgumentException($"Arc {arc} needs 0 <= lower <= capacity.", nameof(arcs));
            }
        }

        _supplies = supplies;
        _arcs = arcs;
    }

    public int NodeCount => _supplies.Length;

    public IReadOnlyList<long> Supplies => _supplies;

    public IReadOnlyList<DimacsArc> Arcs => _arcs;

    public static DimacsProblem FromNetwork(FlowNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var supplies = new long[network.NodeCount];
        for (int u = 0; u < supplies.Length; u++)
        {
            supplies[u] = network.Supply(u);
        }

        var arcs = new DimacsArc[network.ArcCount];
        for (int e = 0; e < arcs.Length; e++)
        {
            arcs[e] = new DimacsArc(network.From(e), network.To(e), 0, network.Capacity(e), network.Cost(e));
        }

        return new DimacsProblem(supplies, arcs);
    }

    public FlowNetwork ToNetwork()
    {
        var network = new FlowNetwork(NodeCount);
        var supplies = (long[])_supplies.Clone();
        foreach (var arc in _arcs)
        {
            network.AddArc(arc.From, arc.To, arc.Capacity - arc.Lower, arc.Cost);
            supplies[arc.From] -= arc.Lower;
            supplies[arc.To] += arc.Lower;
        }

        for (int u = 0; u < supplies.Length; u++)
        {
            network.SetSupply(u, supplies[u]);
        }

        return network;
    }

    // Maps a result of ToNetwork()'s network back to this problem's flows and cost.
    public MinCostFlowResult Restore(MinCostFlowResult shifted)
    {
        ArgumentNullException.ThrowIfNull(shifted);
        if (shifted.Status != MinCostFlowStatus.Optimal)
        {
            return shifted;
        }

        var flows = new long[_arcs.Length];
        long cost = shifted.TotalCost;
        for (int e = 0; e < flows.Length; e++)
        {
            flows[e] = shifted.Flow(e) + _arcs[e].Lower;
            cost += _arcs[e].Lower * _arcs[e].Cost;
        }

        return new MinCostFlowResult(MinCostFlowStatus.Optimal, cost, flows, [.. shifted.Potentials]);
    }

    public MinCostFlowResult Solve() => Restore(NetworkSimplex.Solve(ToNetwork()));
}

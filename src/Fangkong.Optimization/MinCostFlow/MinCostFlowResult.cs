namespace Fangkong.Optimization.MinCostFlow;

// Potentials are the LP duals of the balance rows, in GLPK's sign convention: the reduced cost of
// arc (i, j) is cost - Potential(i) + Potential(j). At an optimum it is >= 0 wherever the arc can
// still take flow and <= 0 wherever it carries flow, which certifies optimality without trusting
// the solver. Flows and potentials are empty unless the status is Optimal.
public sealed class MinCostFlowResult
{
    private readonly long[] _flows;
    private readonly long[] _potentials;

    public MinCostFlowResult(MinCostFlowStatus status, long totalCost, long[] flows, long[] potentials)
    {
        Status = status;
        TotalCost = totalCost;
        _flows = flows;
        _potentials = potentials;
    }

    public MinCostFlowStatus Status { get; }

    public long TotalCost { get; }

    public IReadOnlyList<long> Flows => _flows;

    public IReadOnlyList<long> Potentials => _potentials;

    public long Flow(int arc) => _flows[arc];

    public long Potential(int node) => _potentials[node];

    internal static MinCostFlowResult WithoutSolution(MinCostFlowStatus status) => new(status, 0, [], []);
}

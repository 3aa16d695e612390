namespace Fangkong.Optimization.MinCostFlow;

// A directed network with integer capacities, costs and node balances. Flow on every arc lies in
// [0, capacity]; nonzero lower bounds are removed by the caller (see DimacsProblem.ToNetwork).
public sealed class FlowNetwork
{
    // An arc with this capacity is uncapacitated; a negative-cost cycle made only of such arcs
    // makes the problem unbounded.
    public const long InfiniteCapacity = long.MaxValue;

    private readonly long[] _supply;
    private readonly List<int> _from = [];
    private readonly List<int> _to = [];
    private readonly List<long> _capacity = [];
    private readonly List<long> _cost = [];

    public FlowNetwork(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _supply = new long[nodeCount];
    }

    public int NodeCount => _supply.Length;

    public int ArcCount => _from.Count;

    public int AddArc(int from, int to, long capacity, long cost)
    {
        CheckNode(from);
        CheckNode(to);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _from.Add(from);
        _to.Add(to);
        _capacity.Add(capacity);
        _cost.Add(cost);
        return _from.Count - 1;
    }

    // Positive: the node produces flow (a source's stock); negative: it must absorb flow (a need).
    public void SetSupply(int node, long supply)
    {
        CheckNode(node);
        _supply[node] = supply;
    }

    public long Supply(int node) => _supply[node];

    public int From(int arc) => _from[arc];

    public int To(int arc) => _to[arc];

    public long Capacity(int arc) => _capacity[arc];

    public long Cost(int arc) => _cost[arc];

    private void CheckNode(int node)
    {
        if ((uint)node >= (uint)_supply.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, $"Node must be in [0, {_supply.Length}).");
        }
    }
}

namespace Fangkong.Optimization.MinCostFlow;

// Primal network simplex on a strongly feasible spanning tree (Ahuja, Magnanti & Orlin, ch. 11),
// following the design of LEMON's NetworkSimplex: an artificial root joined to every node by an
// uncapacitated arc gives a feasible first tree; the tree is kept as parent/thread/successor-count
// arrays so a pivot costs the size of the moved subtree; arcs are priced by block search.
// Everything is long and checked, so a result is exact or the solve throws.
public sealed class NetworkSimplex
{
    private const sbyte StateUpper = -1;
    private const sbyte StateTree = 0;
    private const sbyte StateLower = 1;
    private const long Infinite = FlowNetwork.InfiniteCapacity;

    private readonly int _nodeCount;
    private readonly int _arcCount;
    private readonly int _root;
    private readonly int _blockSize;

    private readonly int[] _source;
    private readonly int[] _target;
    private readonly long[] _cap;
    private readonly long[] _cost;
    private readonly long[] _flow;
    private readonly sbyte[] _state;

    // Internally the reduced cost of arc e is cost + pi[source] - pi[target] (LEMON's convention);
    // the result negates pi to give the usual LP duals.
    private readonly long[] _pi;
    private readonly int[] _parent;
    private readonly int[] _pred;
    private readonly bool[] _predLeavesNode;
    private readonly int[] _thread;
    private readonly int[] _revThread;
    private readonly int[] _succNum;
    private readonly int[] _lastSucc;
    private readonly List<int> _dirtyRevs = [];

    private int _nextArc;
    private int _inArc;
    private int _join;
    private int _uIn;
    private int _vIn;
    private int _uOut;
    private long _delta;

    private NetworkSimplex(FlowNetwork network, long artificialCost)
    {
        _nodeCount = network.NodeCount;
        _arcCount = network.ArcCount;
        _root = _nodeCount;
        _blockSize = Math.Max((int)Math.Sqrt(_arcCount), 10);

        int allNodes = _nodeCount + 1;
        int allArcs = _arcCount + _nodeCount;
        _source = new int[allArcs];
        _target = new int[allArcs];
        _cap = new long[allArcs];
        _cost = new long[allArcs];
        _flow = new long[allArcs];
        _state = new sbyte[allArcs];
        _pi = new long[allNodes];
        _parent = new int[allNodes];
        _pred = new int[allNodes];
        _predLeavesNode = new bool[allNodes];
        _thread = new int[allNodes];
        _revThread = new int[allNodes];
        _succNum = new int[allNodes];
        _lastSucc = new int[allNodes];

        for (int e = 0; e < _arcCount; e++)
        {
            _source[e] = network.From(e);
            _target[e] = network.To(e);
            _cap[e] = network.Capacity(e);
            _cost[e] = network.Cost(e);
            _state[e] = StateLower;
        }

        _parent[_root] = -1;
        _pred[_root] = -1;
        _thread[_root] = 0;
        _revThread[0] = _root;
        _succNum[_root] = allNodes;
        _lastSucc[_root] = _root - 1;

        // Supplying (and balanced) nodes send their supply to the root over a free arc; demanding
        // nodes receive theirs from the root over an arc costing M. Every artificial arc points so
        // that it can carry more flow towards the root, which makes the first tree strongly feasible.
        for (int u = 0, e = _arcCount; u < _nodeCount; u++, e++)
        {
            _parent[u] = _root;
            _pred[u] = e;
            _thread[u] = u + 1;
            _revThread[u + 1] = u;
            _succNum[u] = 1;
            _lastSucc[u] = u;
            _cap[e] = Infinite;
            _state[e] = StateTree;
            long supply = network.Supply(u);
            if (supply >= 0)
            {
                _predLeavesNode[u] = true;
                _source[e] = u;
                _target[e] = _root;
                _flow[e] = supply;
                _cost[e] = 0;
                _pi[u] = 0;
            }
            else
            {
                _predLeavesNode[u] = false;
                _source[e] = _root;
                _target[e] = u;
                _flow[e] = -supply;
                _cost[e] = artificialCost;
                _pi[u] = artificialCost;
            }
        }
    }

    public static MinCostFlowResult Solve(FlowNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);

        long totalSupply = 0;
        for (int u = 0; u < network.NodeCount; u++)
        {
            totalSupply = checked(totalSupply + network.Supply(u));
        }

        if (totalSupply != 0)
        {
            return MinCostFlowResult.WithoutSolution(MinCostFlowStatus.Infeasible);
        }

        if (network.NodeCount == 0)
        {
            return new MinCostFlowResult(MinCostFlowStatus.Optimal, 0, new long[network.ArcCount], []);
        }

        var solver = new NetworkSimplex(network, ArtificialCost(network));
        return solver.Run();
    }

    // M must exceed the cost of any simple path so that, if a feasible flow exists, no optimum
    // routes flow through the root: a cycle that removes one unit of artificial flow saves M and
    // spends at most (n - 1) * max|cost|. Potentials stay within 2M and reduced costs within 5M,
    // so checking 5M up front means the pivots cannot overflow.
    private static long ArtificialCost(FlowNetwork network)
    {
        long maxAbsCost = 0;
        for (int e = 0; e < network.ArcCount; e++)
        {
            long c = network.Cost(e);
            if (c == long.MinValue)
            {
                throw new ArgumentException("Arc costs must be greater than long.MinValue.", nameof(network));
            }

            maxAbsCost = Math.Max(maxAbsCost, Math.Abs(c));
        }

        try
        {
            long m = checked((maxAbsCost + 1) * (network.NodeCount + 1L));
            _ = checked(m * 5);
            return m;
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException(
                "Arc costs are too large for exact 64-bit potentials: keep max|cost| * nodes below about 1.8e18.",
                nameof(network),
                ex);
        }
    }

    private MinCostFlowResult Run()
    {
        while (FindEnteringArc())
        {
            FindJoinNode();
            bool change = FindLeavingArc();
            if (_delta >= Infinite)
            {
                return MinCostFlowResult.WithoutSolution(MinCostFlowStatus.Unbounded);
            }

            ChangeFlow(change);
            if (change)
            {
                UpdateTreeStructure();
                UpdatePotential();
            }
        }

        for (int e = _arcCount; e < _arcCount + _nodeCount; e++)
        {
            if (_flow[e] != 0)
            {
                return MinCostFlowResult.WithoutSolution(MinCostFlowStatus.Infeasible);
            }
        }

        var flows = new long[_arcCount];
        long totalCost = 0;
        for (int e = 0; e < _arcCount; e++)
        {
            flows[e] = _flow[e];
            totalCost = checked(totalCost + (_flow[e] * _cost[e]));
        }

        var potentials = new long[_nodeCount];
        for (int u = 0; u < _nodeCount; u++)
        {
            potentials[u] = -_pi[u];
        }

        return new MinCostFlowResult(MinCostFlowStatus.Optimal, totalCost, flows, potentials);
    }

    // Block search: scan arcs in blocks of about sqrt(m), starting where the last scan stopped,
    // and take the most violating arc of the first block that has one.
    private bool FindEnteringArc()
    {
        long min = 0;
        int count = _blockSize;
        int e = _nextArc;
        for (int scanned = 0; scanned < _arcCount; scanned++)
        {
            // The product is bounded by 5M (see ArtificialCost), so the hot loop may skip checks.
            long c = unchecked(_state[e] * (_cost[e] + _pi[_source[e]] - _pi[_target[e]]));
            if (c < min)
            {
                min = c;
                _inArc = e;
            }

            e++;
            if (e == _arcCount)
            {
                e = 0;
            }

            if (--count == 0)
            {
                if (min < 0)
                {
                    break;
                }

                count = _blockSize;
            }
        }

        _nextArc = e;
        return min < 0;
    }

    private void FindJoinNode()
    {
        int u = _source[_inArc];
        int v = _target[_inArc];
        while (u != v)
        {
            if (_succNum[u] < _succNum[v])
            {
                u = _parent[u];
            }
            else
            {
                v = _parent[v];
            }
        }

        _join = u;
    }

    // The leaving arc is the last blocking arc met when walking the cycle in its orientation from
    // the apex; this tie-break is what keeps the tree strongly feasible and prevents cycling.
    private bool FindLeavingArc()
    {
        int first;
        int second;
        if (_state[_inArc] == StateLower)
        {
            first = _source[_inArc];
            second = _target[_inArc];
        }
        else
        {
            first = _target[_inArc];
            second = _source[_inArc];
        }

        _delta = _cap[_inArc];
        int result = 0;

        for (int u = first; u != _join; u = _parent[u])
        {
            int e = _pred[u];
            long d = _predLeavesNode[u] ? _flow[e] : Residual(e);
            if (d < _delta)
            {
                _delta = d;
                _uOut = u;
                result = 1;
            }
        }

        for (int u = second; u != _join; u = _parent[u])
        {
            int e = _pred[u];
            long d = _predLeavesNode[u] ? Residual(e) : _flow[e];
            if (d <= _delta)
            {
                _delta = d;
                _uOut = u;
                result = 2;
            }
        }

        if (result == 1)
        {
            _uIn = first;
            _vIn = second;
        }
        else
        {
            _uIn = second;
            _vIn = first;
        }

        return result != 0;
    }

    // An uncapacitated arc stays uncapacitated whatever it carries, so a cycle of them is detected
    // as unbounded instead of overflowing.
    private long Residual(int e) => _cap[e] == Infinite ? Infinite : _cap[e] - _flow[e];

    private void ChangeFlow(bool change)
    {
        if (_delta > 0)
        {
            long val = _state[_inArc] * _delta;
            _flow[_inArc] += val;
            for (int u = _source[_inArc]; u != _join; u = _parent[u])
            {
                _flow[_pred[u]] += _predLeavesNode[u] ? -val : val;
            }

            for (int u = _target[_inArc]; u != _join; u = _parent[u])
            {
                _flow[_pred[u]] += _predLeavesNode[u] ? val : -val;
            }
        }

        if (change)
        {
            _state[_inArc] = StateTree;
            _state[_pred[_uOut]] = _flow[_pred[_uOut]] == 0 ? StateLower : StateUpper;
        }
        else
        {
            _state[_inArc] = (sbyte)-_state[_inArc];
        }
    }

    // Re-hangs the subtree cut off by the leaving arc under v_in, reversing the stem path from
    // u_in to u_out, and repairs thread order, last successors and subtree sizes.
    private void UpdateTreeStructure()
    {
        int oldRevThread = _revThread[_uOut];
        int oldSuccNum = _succNum[_uOut];
        int oldLastSucc = _lastSucc[_uOut];
        int vOut = _parent[_uOut];

        int u = _lastSucc[_uIn];
        int right = _thread[u];

        // When the node before u_out in the thread is v_in, join and v_out coincide.
        int last = oldRevThread == _vIn ? _thread[_lastSucc[_uOut]] : _thread[_vIn];

        int stem = _uIn;
        _thread[_vIn] = stem;
        _dirtyRevs.Clear();
        _dirtyRevs.Add(_vIn);
        int parStem = _vIn;
        while (stem != _uOut)
        {
            int newStem = _parent[stem];
            _thread[u] = newStem;
            _dirtyRevs.Add(u);

            int w = _revThread[stem];
            _thread[w] = right;
            _revThread[right] = w;

            _parent[stem] = parStem;
            parStem = stem;
            stem = newStem;

            u = _lastSucc[stem] == _lastSucc[parStem] ? _revThread[parStem] : _lastSucc[stem];
            right = _thread[u];
        }

        _parent[_uOut] = parStem;
        _thread[u] = last;
        _revThread[last] = u;
        _lastSucc[_uOut] = u;

        if (oldRevThread != _vIn)
        {
            _thread[oldRevThread] = right;
            _revThread[right] = oldRevThread;
        }

        foreach (int dirty in _dirtyRevs)
        {
            _revThread[_thread[dirty]] = dirty;
        }

        int tmpSuccNum = 0;
        int tmpLastSucc = _lastSucc[_uOut];
        u = _uOut;
        while (u != _uIn)
        {
            int w = _parent[u];
            _pred[u] = _pred[w];
            _predLeavesNode[u] = !_predLeavesNode[w];
            tmpSuccNum += _succNum[u] - _succNum[w];
            _succNum[u] = tmpSuccNum;
            _lastSucc[w] = tmpLastSucc;
            u = w;
        }

        _pred[_uIn] = _inArc;
        _predLeavesNode[_uIn] = _uIn == _source[_inArc];
        _succNum[_uIn] = oldSuccNum;

        int upLimitIn = -1;
        int upLimitOut = -1;
        if (_lastSucc[_join] == _vIn)
        {
            upLimitOut = _join;
        }
        else
        {
            upLimitIn = _join;
        }

        for (u = _vIn; u != upLimitIn && _lastSucc[u] == _vIn; u = _parent[u])
        {
            _lastSucc[u] = _lastSucc[_uOut];
        }

        int replacement = _join != oldRevThread && _vIn != oldRevThread ? oldRevThread : _lastSucc[_uOut];
        for (u = vOut; u != upLimitOut && _lastSucc[u] == oldLastSucc; u = _parent[u])
        {
            _lastSucc[u] = replacement;
        }

        for (u = _vIn; u != _join; u = _parent[u])
        {
            _succNum[u] += oldSuccNum;
        }

        for (u = vOut; u != _join; u = _parent[u])
        {
            _succNum[u] -= oldSuccNum;
        }
    }

    // Only the moved subtree changes potential, by the amount that makes the entering arc's
    // reduced cost zero.
    private void UpdatePotential()
    {
        int e = _pred[_uIn];
        long sigma = _predLeavesNode[_uIn]
            ? _pi[_vIn] - _pi[_uIn] - _cost[e]
            : _pi[_vIn] - _pi[_uIn] + _cost[e];
        int end = _thread[_lastSucc[_uIn]];
        for (int u = _uIn; u != end; u = _thread[u])
        {
            _pi[u] += sigma;
        }
    }
}

namespace Fangkong.Optimization.Allocation;

// A feasible flow from a super source through the sources (capacity = available stock) and the
// routes to the sites, grown one augmenting path at a time. The flow into a site is what the site
// has been granted so far; TryGrant asks "can this site get more units with every other site
// keeping what it already has?", which is exactly a residual path from the super source to it.
//
// Why this is enough to be exact: augmenting along a path changes the routing but never lowers
// the inflow of any site, so grants are never taken back; and an augmentation only adds residual
// arcs between nodes already reachable from the super source, so a site that is unreachable now
// stays unreachable for as long as grants only grow (it is really blocked, not just unlucky).
internal sealed class IncrementalFlow
{
    private const int SuperSource = 0;

    private readonly int _sourceCount;
    private readonly int _siteCount;
    private readonly List<int>[] _adjacent;
    private readonly List<int> _head;
    private readonly List<long> _residual;
    private readonly int[] _parentArc;
    private readonly int[] _level;
    private readonly int[] _queue;

    private IncrementalFlow(IncrementalFlow other)
    {
        _sourceCount = other._sourceCount;
        _siteCount = other._siteCount;
        _adjacent = [.. other._adjacent.Select(list => new List<int>(list))];
        _head = [.. other._head];
        _residual = [.. other._residual];
        _parentArc = new int[other._parentArc.Length];
        _level = new int[other._level.Length];
        _queue = new int[other._queue.Length];
    }

    public IncrementalFlow(IReadOnlyList<long> available, int siteCount)
    {
        _head = [];
        _residual = [];
        _sourceCount = available.Count;
        _siteCount = siteCount;
        // The last node is a sink used only while GrantMany runs.
        int nodes = 1 + _sourceCount + siteCount + 1;
        _adjacent = new List<int>[nodes];
        for (int u = 0; u < nodes; u++)
        {
            _adjacent[u] = [];
        }

        _parentArc = new int[nodes];
        _level = new int[nodes];
        _queue = new int[nodes];
        for (int s = 0; s < _sourceCount; s++)
        {
            AddArc(SuperSource, SourceNode(s), available[s]);
        }
    }

    // Returns the index of the forward arc, whose used flow is Flow(index).
    public int AddRoute(int source, int site, long capacity) => AddArc(SourceNode(source), SiteNode(site), capacity);

    // Flow on a forward arc equals the residual capacity of its paired reverse arc.
    public long Flow(int arc) => _residual[arc ^ 1];

    // Grants up to `units` more to the site, one shortest augmenting path at a time, and returns
    // how many were granted; fewer than asked means the site is blocked for good (see above).
    public long TryGrant(int site, long units)
    {
        int target = SiteNode(site);
        long granted = 0;
        while (granted < units && FindPath(target))
        {
            long bottleneck = units - granted;
            for (int v = target; v != SuperSource; v = _head[_parentArc[v] ^ 1])
            {
                bottleneck = Math.Min(bottleneck, _residual[_parentArc[v]]);
            }

            for (int v = target; v != SuperSource; v = _head[_parentArc[v] ^ 1])
            {
                int arc = _parentArc[v];
                _residual[arc] -= bottleneck;
                _residual[arc ^ 1] = checked(_residual[arc ^ 1] + bottleneck);
            }

            granted += bottleneck;
        }

        return granted;
    }

    // A copy to try a bulk grant on without committing it.
    public IncrementalFlow Clone() => new(this);

    // Grants many sites at once (units[i] more to site i; 0 for none), as one max flow (Dinic) from
    // the super source to a temporary sink fed by the sites, and returns what each got. Same
    // guarantees as TryGrant: no site's inflow goes down, the routing underneath may change.
    public long[] GrantMany(IReadOnlyList<long> units)
    {
        int sink = _adjacent.Length - 1;
        int firstTemporary = _head.Count;
        var sinkArcs = new int[_siteCount];
        for (int site = 0; site < _siteCount; site++)
        {
            sinkArcs[site] = units[site] > 0 ? AddArc(SiteNode(site), sink, units[site]) : -1;
        }

        var next = new int[_adjacent.Length];
        while (FindPath(sink))
        {
            Array.Fill(next, 0);
            while (Push(SuperSource, sink, long.MaxValue, next) > 0)
            {
            }
        }

        var granted = new long[_siteCount];
        for (int site = 0; site < _siteCount; site++)
        {
            if (sinkArcs[site] >= 0)
            {
                granted[site] = _residual[sinkArcs[site] ^ 1];
            }
        }

        // The units that reached the sink now simply stay in their sites, as TryGrant leaves them.
        for (int arc = _head.Count - 2; arc >= firstTemporary; arc -= 2)
        {
            _adjacent[_head[arc + 1]].RemoveAt(_adjacent[_head[arc + 1]].Count - 1);
            _adjacent[sink].RemoveAt(_adjacent[sink].Count - 1);
        }

        _head.RemoveRange(firstTemporary, _head.Count - firstTemporary);
        _residual.RemoveRange(firstTemporary, _residual.Count - firstTemporary);
        return granted;
    }

    // Which sites an augmenting path can still reach: the others are blocked for good (see above).
    public bool[] ReachableSites()
    {
        FindPath(-1);
        var reachable = new bool[_siteCount];
        for (int site = 0; site < _siteCount; site++)
        {
            reachable[site] = _parentArc[SiteNode(site)] != -1;
        }

        return reachable;
    }

    // Dinic's blocking-flow step over the breadth-first levels FindPath left in _level.
    private long Push(int u, int sink, long limit, int[] next)
    {
        if (u == sink)
        {
            return limit;
        }

        var arcs = _adjacent[u];
        for (; next[u] < arcs.Count; next[u]++)
        {
            int arc = arcs[next[u]];
            int v = _head[arc];
            if (_residual[arc] > 0 && _parentArc[v] != -1 && _level[v] == _level[u] + 1)
            {
                long pushed = Push(v, sink, Math.Min(limit, _residual[arc]), next);
                if (pushed > 0)
                {
                    _residual[arc] -= pushed;
                    _residual[arc ^ 1] = checked(_residual[arc ^ 1] + pushed);
                    return pushed;
                }
            }
        }

        return 0;
    }

    // Breadth-first from the super source over arcs with residual capacity, up to the target (-1: all
    // the way): a shortest augmenting path in _parentArc, and each reached node's distance in _level.
    private bool FindPath(int target)
    {
        Array.Fill(_parentArc, -1);
        _parentArc[SuperSource] = -2;
        _level[SuperSource] = 0;
        int headIndex = 0;
        int tail = 0;
        _queue[tail++] = SuperSource;
        while (headIndex < tail)
        {
            int u = _queue[headIndex++];
            foreach (int arc in _adjacent[u])
            {
                int v = _head[arc];
                if (_residual[arc] > 0 && _parentArc[v] == -1)
                {
                    _parentArc[v] = arc;
                    _level[v] = _level[u] + 1;
                    if (v == target)
                    {
                        return true;
                    }

                    _queue[tail++] = v;
                }
            }
        }

        return false;
    }

    private int SourceNode(int source) => 1 + source;

    private int SiteNode(int site) => 1 + _sourceCount + site;

    private int AddArc(int from, int to, long capacity)
    {
        int arc = _head.Count;
        _head.Add(to);
        _residual.Add(capacity);
        _adjacent[from].Add(arc);
        _head.Add(from);
        _residual.Add(0);
        _adjacent[to].Add(arc + 1);
        return arc;
    }
}

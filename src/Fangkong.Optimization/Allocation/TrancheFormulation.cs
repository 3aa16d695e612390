using System.Globalization;
using System.Text;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Allocation;

// The allocation problem as ONE min-cost flow with convex costs by tranches of need: the textbook
// LP that glpsol and clp can solve too, so the same instance runs through all three.
//
//   super source ──(available, 0)──► source ──(route cap, distance)──► site
//   site ──(tranche width, 0)──► level hub (class c, tranche k) ──(Σ widths, −reward(c,k))──► sink
//   super source ──(total available, 0)──► sink                       (bypass: stock may stay home)
//
// Site i's need is cut into K tranches: tranche k holds units floor((k−1)·need/K)+1 .. floor(k·need/K),
// i.e. the units whose fill ratio j/need lies in ((k−1)/K, k/K] (the engine's keys, bucketed), cut
// at MaxReceivable. Every (class, tranche) pair is a level, ordered class 1 tranche 1, …, class 1
// tranche K, class 2 tranche 1, …; with L levels, level l (0-based) earns reward (L − l)·G per unit.
// The rewards sit on one hub arc per level rather than on K parallel site → sink arcs, because
// glpsol names its columns x[from,to] and the MPS file that clp reads needs distinct names.
//
// Why G = min(#sources, #sites)·maxDistance + 1 makes the levels lexicographic. Suppose an optimum
// gave levels 0..l less than the most they can get together. The difference to a flow that gives
// them the most decomposes into simple cycles of the residual network, one of which moves a unit
// into a level ≤ l and out of a level > l or the bypass (a simple cycle passes the sink once). Its
// reward gain is at least G; its transport rise is at most maxDistance per forward route arc, and a
// simple cycle has at most min(#sources, #sites) of those (each leaves a distinct source and enters a
// distinct site). So the cycle would lower the cost: contradiction. Hence every prefix of levels is
// maximal at once: class totals are lexicographically maximal, and within a class tranche k of every
// site that can take it fills before any site gets tranche k+1. Which site gets a contested tranche
// is then decided by transport cost alone, and the least transport is the last goal, as in the engine.
//
// How this relates to AllocationEngine, the exact engine: both are min-cost flows and both give the
// same lexicographically maximal class totals (the proof above; the engine's is its polymatroid
// argument). The engine is fair to the unit: its water-filling hands out units in fill-ratio order,
// then routes the fixed amounts at least transport. The tranche LP is fair only to 1/K of need: inside
// one tranche the cheaper site wins outright, so two sites of a class can differ by up to 1/K of need
// (one unit more from the floor). In return it trades fairness within a tranche for transport, so its
// transport cost is at most the engine's (the engine's amounts are one of the flows it chooses from).
// K = max need would make the LP as fair as the engine, at K arcs per site and a larger G·L.
//
// Integer bounds. Costs are at most L·G in magnitude and at most W = Σ tranche widths (≤ total need)
// units can reach the sink through the hubs, so |objective| ≤ W·(L·G + maxDistance) = ObjectiveBound.
// Build refuses an instance where that bound, or the network simplex's artificial cost
// 5·(L·G + 1)·(nodes + 1), would not fit in a long, so a solve is exact or is never started.
// glpsol and clp compute in doubles: their objective is exact only while the bound is below 2^53,
// which ExactInDouble reports (a city instance with 10 tranches is about 10^12).
public sealed class TrancheFormulation
{
    public const int DefaultTranches = 10;

    private const long DoubleExactLimit = 1L << 53;

    private readonly int[] _supplyArcs;
    private readonly int[] _routeArcs;
    private readonly int[] _routeSites;
    private readonly DimacsArc[] _arcs;
    private readonly int[] _classes;

    private TrancheFormulation(
        AllocationProblem problem,
        int tranches,
        int[] classes,
        long levelStep,
        long objectiveBound,
        int hubCount,
        long[] supplies,
        DimacsArc[] arcs,
        int[] supplyArcs,
        int[] routeArcs,
        int[] routeSites)
    {
        Problem = problem;
        Tranches = tranches;
        _classes = classes;
        LevelStep = levelStep;
        ObjectiveBound = objectiveBound;
        HubCount = hubCount;
        _arcs = arcs;
        _supplyArcs = supplyArcs;
        _routeArcs = routeArcs;
        _routeSites = routeSites;
        Dimacs = new DimacsProblem(supplies, arcs);
    }

    public AllocationProblem Problem { get; }

    public int Tranches { get; }

    // The distinct priorities of the sites, highest class (smallest number) first.
    public IReadOnlyList<int> Classes => _classes;

    // G above: the reward gap between consecutive levels.
    public long LevelStep { get; }

    public long ObjectiveBound { get; }

    public bool ExactInDouble => ObjectiveBound <= DoubleExactLimit;

    // Levels with at least one unit of tranche width; empty levels get no node.
    public int HubCount { get; }

    public DimacsProblem Dimacs { get; }

    public int SuperSource => 0;

    public int Sink => Dimacs.NodeCount - 1;

    public static TrancheFormulation Build(AllocationProblem problem, int tranches = DefaultTranches)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(tranches, 1);

        var sources = problem.Sources;
        var sites = problem.Sites;
        int m = sources.Count;
        int n = sites.Count;
        var sourceIndex = Index(sources.Select(s => s.Id));
        var siteIndex = Index(sites.Select(s => s.Id));
        int[] classes = [.. sites.Select(s => s.Priority).Distinct().Order()];
        var classRank = classes.Select((priority, rank) => (priority, rank)).ToDictionary(p => p.priority, p => p.rank);
        int levels = checked(classes.Length * tranches);

        long maxDistance = problem.Routes.Select(r => r.Distance).DefaultIfEmpty(0).Max();
        long totalAvailable = 0;
        foreach (var source in sources)
        {
            totalAvailable = checked(totalAvailable + source.Available);
        }

        // Tranche widths per site; a level keeps a hub only if some site has width in it.
        var widths = new long[n][];
        var levelWidth = new long[levels];
        long totalWidth = 0;
        for (int i = 0; i < n; i++)
        {
            widths[i] = TrancheWidths(sites[i], tranches);
            int firstLevel = classRank[sites[i].Priority] * tranches;
            for (int k = 0; k < tranches; k++)
            {
                levelWidth[firstLevel + k] = checked(levelWidth[firstLevel + k] + widths[i][k]);
                totalWidth = checked(totalWidth + widths[i][k]);
            }
        }

        var hubOfLevel = new int[levels];
        int hubCount = 0;
        int firstHub = 1 + m + n;
        for (int l = 0; l < levels; l++)
        {
            hubOfLevel[l] = levelWidth[l] > 0 ? firstHub + hubCount++ : -1;
        }

        int nodeCount = firstHub + hubCount + 1;
        int sink = nodeCount - 1;
        Int128 step = ((Int128)Math.Min(m, n) * maxDistance) + 1;
        Int128 maxCost = step * levels;
        Int128 bound = totalWidth * (maxCost + maxDistance);
        Int128 artificial = 5 * (maxCost + 1) * ((Int128)nodeCount + 1);
        if (bound > long.MaxValue || artificial > long.MaxValue)
        {
            throw new ArgumentException(
                $"The tranche formulation's costs would overflow 64-bit integers (level step {step}, {levels} levels, {nodeCount} nodes, "
                + $"{totalWidth} units of need): use fewer tranches or classes, or coarser distance units.",
                nameof(problem));
        }

        long levelStep = (long)step;
        long objectiveBound = (long)bound;

        var arcs = new List<DimacsArc>(m + problem.Routes.Count + (n * tranches) + hubCount + 1);
        var supplyArcs = new int[m];
        for (int s = 0; s < m; s++)
        {
            supplyArcs[s] = arcs.Count;
            arcs.Add(new DimacsArc(0, 1 + s, 0, sources[s].Available, 0));
        }

        // An uncapacitated lane can never carry more than its source holds or its site can take, so
        // that bound replaces "infinite", which glpsol and an MPS file would have to spell as a huge double.
        var routeArcs = new int[problem.Routes.Count];
        var routeSites = new int[problem.Routes.Count];
        for (int r = 0; r < routeArcs.Length; r++)
        {
            var route = problem.Routes[r];
            int s = sourceIndex[route.SourceId];
            int i = siteIndex[route.SiteId];
            long natural = Math.Min(sources[s].Available, widths[i].Sum());
            routeArcs[r] = arcs.Count;
            routeSites[r] = i;
            arcs.Add(new DimacsArc(1 + s, 1 + m + i, 0, Math.Min(route.Capacity ?? long.MaxValue, natural), route.Distance));
        }

        for (int i = 0; i < n; i++)
        {
            int firstLevel = classRank[sites[i].Priority] * tranches;
            for (int k = 0; k < tranches; k++)
            {
                if (widths[i][k] > 0)
                {
                    arcs.Add(new DimacsArc(1 + m + i, hubOfLevel[firstLevel + k], 0, widths[i][k], 0));
                }
            }
        }

        for (int l = 0; l < levels; l++)
        {
            if (hubOfLevel[l] >= 0)
            {
                arcs.Add(new DimacsArc(hubOfLevel[l], sink, 0, levelWidth[l], -Reward(l, levels, levelStep)));
            }
        }

        arcs.Add(new DimacsArc(0, sink, 0, totalAvailable, 0));

        var supplies = new long[nodeCount];
        supplies[0] = totalAvailable;
        supplies[sink] = -totalAvailable;
        return new TrancheFormulation(
            problem, tranches, classes, levelStep, objectiveBound, hubCount, supplies, [.. arcs], supplyArcs, routeArcs, routeSites);
    }

    // Per-unit reward of tranche `tranche` (1-based) of a site in class `priority`.
    public long UnitReward(int priority, int tranche)
    {
        int rank = Array.IndexOf(_classes, priority);
        if (rank < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "No site has this priority.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(tranche, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tranche, Tranches);
        return Reward((rank * Tranches) + tranche - 1, _classes.Length * Tranches, LevelStep);
    }

    // What a DIMACS comment line should say, so a file read months later explains its own nodes.
    public string Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        int m = Problem.Sources.Count;
        int n = Problem.Sites.Count;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Fangkong allocation as a min-cost flow with {Tranches} tranches of need per site (convex costs)");
        text.AppendLine(inv, $"classes {string.Join(",", Classes)}; level step G = {LevelStep}; |objective| <= {ObjectiveBound}");
        text.AppendLine(inv, $"node 1 super source; 2..{m + 1} sources; {m + 2}..{m + n + 1} sites; {m + n + 2}..{m + n + 1 + HubCount} (class, tranche) hubs; {Sink + 1} sink");
        text.Append("objective = transport (units x distance) - tranche rewards; the bypass arc 1 -> sink keeps stock unshipped for free");
        return text.ToString();
    }

    public TranchePlan Solve()
    {
        var result = Dimacs.Solve();
        if (result.Status != MinCostFlowStatus.Optimal)
        {
            // Zero flow everywhere but the bypass is always feasible and every cost is bounded below.
            throw new InvalidOperationException($"The tranche network was {result.Status}; it is feasible and bounded by construction.");
        }

        return Read(result.Flows);
    }

    // Flows in the order of Dimacs.Arcs: from our solver, or parsed from glpsol's or clp's output.
    public TranchePlan Read(IReadOnlyList<long> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (flows.Count != _arcs.Length)
        {
            throw new ArgumentException($"Expected {_arcs.Length} arc flows, got {flows.Count}.", nameof(flows));
        }

        var sites = Problem.Sites;
        var allocated = new long[sites.Count];
        var shipments = new List<AllocationShipment>();
        long transport = 0;
        for (int r = 0; r < _routeArcs.Length; r++)
        {
            long units = flows[_routeArcs[r]];
            if (units > 0)
            {
                var route = Problem.Routes[r];
                shipments.Add(new AllocationShipment(route.SourceId, route.SiteId, units, route.Distance));
                transport = checked(transport + (units * route.Distance));
                allocated[_routeSites[r]] = checked(allocated[_routeSites[r]] + units);
            }
        }

        long objective = 0;
        for (int e = 0; e < _arcs.Length; e++)
        {
            objective = checked(objective + (flows[e] * _arcs[e].Cost));
        }

        long totalAvailable = _supplyArcs.Sum(e => _arcs[e].Capacity);
        var lines = sites
            .Select((site, i) => new TrancheSiteAllocation(site.Id, site.Priority, site.Need, allocated[i], CompleteTranches(site.Need, allocated[i], Tranches)))
            .ToArray();
        return new TranchePlan(shipments, lines, totalAvailable, allocated.Sum(), transport, transport - objective, objective);
    }

    private static long[] TrancheWidths(AllocationSite site, int tranches)
    {
        long limit = Math.Min(site.Need, site.MaxReceivable ?? long.MaxValue);
        var widths = new long[tranches];
        long lower = 0;
        for (int k = 1; k <= tranches; k++)
        {
            long upper = UpperBound(site.Need, k, tranches);
            widths[k - 1] = Math.Max(0, Math.Min(upper, limit) - lower);
            lower = upper;
        }

        return widths;
    }

    // floor(k * need / K) without overflow for any need.
    private static long UpperBound(long need, int k, int tranches) => (long)((Int128)need * k / tranches);

    private static int CompleteTranches(long need, long allocated, int tranches)
    {
        int complete = 0;
        while (complete < tranches && allocated >= UpperBound(need, complete + 1, tranches))
        {
            complete++;
        }

        return complete;
    }

    private static long Reward(int level, int levels, long levelStep) => (levels - level) * levelStep;

    private static Dictionary<string, int> Index(IEnumerable<string> ids)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            index.Add(id, index.Count);
        }

        return index;
    }
}

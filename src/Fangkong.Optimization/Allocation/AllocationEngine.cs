using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Allocation;

// The allocation engine: whole units, lexicographic goals
//   (a) the total to class 1 is maximal, then the total to class 2 given that, and so on;
//   (b) within a class, every site not limited by its routes gets the same fill ratio to the unit:
//       allocated_i is floor(r * need_i) or floor(r * need_i) + 1 for one common r;
//   (c) then the least transport, sum of units x distance.
//
// Why not the tranche formulation alone (TrancheFormulation, which glpsol and clp also solve): its
// rewards by tranche of need make fill ratios equal only to the tranche width (1/K of need), not to
// the unit. So the engine splits the job into two exact steps; on the same instance both give the
// same class totals, and the tranche LP may move stock a little cheaper for its coarser fairness.
//
// Step 1, who gets how much (goals a and b) is a water-filling on a max-flow network. Every unit of
// need is given a key: the k-th unit of site i has key k / need_i (the fill ratio it completes),
// ties broken by site order. Classes are served in order; within a class the units are offered in
// key order, each one granted iff an augmenting path reaches the site (IncrementalFlow). A site
// whose unit is refused is blocked for good and keeps what it has; the others go on sharing.
// For speed the units up to the highest level all open sites can reach together are granted in
// one max flow first (Jump), and a refusal freezes every site that no path reaches any more; both
// only skip work the one-unit-at-a-time process would do with the same outcome.
//   - The granted amounts of the sites still open at the end are a prefix of the key order, so for
//     r = the key of the last unit granted, each has floor(r' * need) or one more, r' just below r:
//     fairness to the unit. A blocked site stopped only because no unit more could reach it.
//   - When a class ends no open site remains, so there is no augmenting path to any of its sites:
//     the flow is maximal for that class given the grants of the classes above. The inflow vectors
//     of a network are the independent vectors of a polymatroid, where every maximal vector over a
//     set of sites has the same total (its rank); so fixing class 1's particular fair vector costs
//     class 2 nothing, and the class totals are lexicographically maximal.
// Step 2, the routing (goal c): with every site's amount now fixed, one min-cost flow (our network
// simplex) from the sources to the sites, with a free arc from each source to a sink for the stock
// left over. It is feasible because step 1 already found a flow with those amounts.
//
// Limit: when several sites tie for the last +1 of a class, the tie goes by site order, not by
// transport cost, so (c) is optimal for the chosen amounts rather than across all tie-breaks.
public static class AllocationEngine
{
    public static AllocationPlan Allocate(AllocationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var sources = problem.Sources;
        var sites = problem.Sites;
        var sourceIndex = Index(sources.Select(s => s.Id));
        var siteIndex = Index(sites.Select(s => s.Id));

        var flow = new IncrementalFlow([.. sources.Select(s => s.Available)], sites.Count);
        var reachable = new bool[sites.Count];
        foreach (var route in problem.Routes)
        {
            int source = sourceIndex[route.SourceId];
            int site = siteIndex[route.SiteId];
            long capacity = route.Capacity ?? long.MaxValue;
            flow.AddRoute(source, site, capacity);
            reachable[site] |= capacity > 0 && sources[source].Available > 0;
        }

        var allocated = new long[sites.Count];
        var reasons = new string[sites.Count];
        foreach (var priorityClass in Enumerable.Range(0, sites.Count).GroupBy(i => sites[i].Priority).OrderBy(g => g.Key))
        {
            FillClass([.. priorityClass], sites, reachable, flow, allocated, reasons);
        }

        return Route(problem, sourceIndex, siteIndex, allocated, reasons);
    }

    private static void FillClass(
        int[] members,
        IReadOnlyList<AllocationSite> sites,
        bool[] reachable,
        IncrementalFlow flow,
        long[] allocated,
        string[] reasons)
    {
        var blockedAt = new Dictionary<int, long>();
        long classGranted = 0;
        while (true)
        {
            var active = members.Where(i => !blockedAt.ContainsKey(i) && allocated[i] < Limit(sites[i])).ToArray();
            if (active.Length == 0)
            {
                break;
            }

            // Jump: every unit up to the highest common level that can all be granted at once goes
            // in one max flow. The greedy below would grant exactly these units first, so this only
            // saves it from offering them one augmenting path at a time.
            classGranted += Jump(active, sites, flow, allocated);

            // The heap key is the fraction (allocated + 1) / need, compared exactly by cross-multiplying
            // in 128 bits; ties go by site index so the plan is deterministic.
            var open = new PriorityQueue<int, (long Next, long Need, int Site)>(Comparer<(long Next, long Need, int Site)>.Create(CompareKeys));
            foreach (int i in active)
            {
                if (allocated[i] < Limit(sites[i]))
                {
                    open.Enqueue(i, (allocated[i] + 1, sites[i].Need, i));
                }
            }

            bool refused = false;
            while (open.TryDequeue(out int s, out _))
            {
                long need = sites[s].Need;
                long room = Limit(sites[s]) - allocated[s];

                // All units of s whose keys come before the next site's next unit are consecutive in the
                // key order, so they are offered in one call; this changes nothing but the speed.
                long batch = room;
                if (open.TryPeek(out _, out var next))
                {
                    Int128 numerator = (Int128)next.Next * need;
                    Int128 last = s < next.Site ? numerator / next.Need : (numerator - 1) / next.Need;
                    batch = (long)Int128.Clamp(last - allocated[s], 1, room);
                }

                long granted = flow.TryGrant(s, batch);
                allocated[s] += granted;
                classGranted += granted;
                if (granted < batch)
                {
                    // Blocked for good; so is every site no augmenting path reaches any more. Freeze
                    // them all now and jump again with the rest.
                    blockedAt[s] = classGranted;
                    var stillReachable = flow.ReachableSites();
                    foreach (int i in active)
                    {
                        if (!blockedAt.ContainsKey(i) && allocated[i] < Limit(sites[i]) && !stillReachable[i])
                        {
                            blockedAt[i] = classGranted;
                        }
                    }

                    refused = true;
                    break;
                }

                if (allocated[s] < Limit(sites[s]))
                {
                    open.Enqueue(s, (allocated[s] + 1, need, s));
                }
            }

            if (!refused)
            {
                break;
            }
        }

        foreach (int i in members)
        {
            var site = sites[i];
            reasons[i] =
                allocated[i] == site.Need ? AllocationReasons.Full
                : !reachable[i] ? AllocationReasons.NoRoute
                : allocated[i] == Limit(site) ? AllocationReasons.ReceivingCapacity
                // Blocked while others in the class still received units: its own reach is the limit.
                : blockedAt.TryGetValue(i, out long at) && at < classGranted ? AllocationReasons.RouteCapacity
                : AllocationReasons.ShortPriorityShare;
        }
    }

    // Levels are t = T / 2^40; at level t site i holds min(limit, floor(t * need)) (never less than it
    // has), i.e. exactly its units with key <= t. Binary search for the highest T whose holdings can
    // all be granted together (tried on a copy of the flow), then grant them. Returns units granted.
    private const int LevelBits = 40;

    private static long Jump(int[] active, IReadOnlyList<AllocationSite> sites, IncrementalFlow flow, long[] allocated)
    {
        long[] Extra(long level)
        {
            var extra = new long[sites.Count];
            foreach (int i in active)
            {
                long target = (long)Int128.Min(Limit(sites[i]), ((Int128)level * sites[i].Need) >> LevelBits);
                extra[i] = Math.Max(0, target - allocated[i]);
            }

            return extra;
        }

        bool Feasible(long[] extra)
        {
            long[] got = flow.Clone().GrantMany(extra);
            return active.All(i => got[i] == extra[i]);
        }

        long low = 0;
        long high = 1L << LevelBits;
        long[] best;
        if (Feasible(best = Extra(high)))
        {
            low = high;
        }
        else
        {
            best = Extra(low);
            while (high - low > 1)
            {
                long middle = low + ((high - low) / 2);
                var extra = Extra(middle);
                if (Feasible(extra))
                {
                    (low, best) = (middle, extra);
                }
                else
                {
                    high = middle;
                }
            }
        }

        long[] granted = flow.GrantMany(best);
        long total = 0;
        foreach (int i in active)
        {
            if (granted[i] != best[i])
            {
                throw new InvalidOperationException("A grant that was feasible on a copy of the flow failed on the flow itself.");
            }

            allocated[i] += granted[i];
            total += granted[i];
        }

        return total;
    }

    private static AllocationPlan Route(
        AllocationProblem problem,
        Dictionary<string, int> sourceIndex,
        Dictionary<string, int> siteIndex,
        long[] allocated,
        string[] reasons)
    {
        var sources = problem.Sources;
        var sites = problem.Sites;
        var (network, routeArcs) = RoutingNetwork(problem, sourceIndex, siteIndex, allocated);
        long totalAvailable = sources.Sum(s => s.Available);
        long totalAllocated = allocated.Sum();
        long totalNeed = sites.Sum(s => s.Need);

        var result = NetworkSimplex.Solve(network);
        if (result.Status != MinCostFlowStatus.Optimal)
        {
            // Step 1 constructed a flow with exactly these amounts, so this is a bug, not bad input.
            throw new InvalidOperationException($"Routing the fixed allocation was {result.Status}; the fill step and the routing disagree.");
        }

        var shipments = new List<AllocationShipment>();
        long transport = 0;
        for (int r = 0; r < routeArcs.Length; r++)
        {
            long units = result.Flow(routeArcs[r]);
            if (units > 0)
            {
                var route = problem.Routes[r];
                shipments.Add(new AllocationShipment(route.SourceId, route.SiteId, units, route.Distance));
                transport = checked(transport + (units * route.Distance));
            }
        }

        var lines = sites
            .Select((site, i) => new SiteAllocation(
                site.Id,
                site.Priority,
                site.Need,
                allocated[i],
                site.Need == 0 ? 1.0 : (double)allocated[i] / site.Need,
                reasons[i]))
            .ToArray();

        return new AllocationPlan(shipments, lines, totalAvailable, totalNeed, totalAllocated, transport);
    }

    // Step 2's network: sources supply their stock (a free arc to the sink takes what stays), each
    // site demands exactly its amount, routes cost their distance. Public so that anyone can hand
    // the same routing problem to another solver (tests and benchmarks give it to GLPK).
    public static (FlowNetwork Network, int[] RouteArcs) RoutingNetwork(AllocationProblem problem, IReadOnlyDictionary<string, long> allocatedBySite)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(allocatedBySite);
        var allocated = problem.Sites.Select(s => allocatedBySite.GetValueOrDefault(s.Id)).ToArray();
        return RoutingNetwork(problem, Index(problem.Sources.Select(s => s.Id)), Index(problem.Sites.Select(s => s.Id)), allocated);
    }

    private static (FlowNetwork Network, int[] RouteArcs) RoutingNetwork(AllocationProblem problem, Dictionary<string, int> sourceIndex,
        Dictionary<string, int> siteIndex, long[] allocated)
    {
        var sources = problem.Sources;
        var sites = problem.Sites;
        int sink = sources.Count + sites.Count;
        var network = new FlowNetwork(sink + 1);
        long totalAvailable = 0;
        for (int s = 0; s < sources.Count; s++)
        {
            network.SetSupply(s, sources[s].Available);
            network.AddArc(s, sink, sources[s].Available, 0);
            totalAvailable = checked(totalAvailable + sources[s].Available);
        }

        long totalAllocated = 0;
        for (int i = 0; i < sites.Count; i++)
        {
            network.SetSupply(sources.Count + i, -allocated[i]);
            totalAllocated = checked(totalAllocated + allocated[i]);
        }

        network.SetSupply(sink, -(totalAvailable - totalAllocated));
        var routeArcs = problem.Routes
            .Select(r => network.AddArc(
                sourceIndex[r.SourceId],
                sources.Count + siteIndex[r.SiteId],
                r.Capacity ?? FlowNetwork.InfiniteCapacity,
                r.Distance))
            .ToArray();
        return (network, routeArcs);
    }

    private static long Limit(AllocationSite site) => Math.Min(site.Need, site.MaxReceivable ?? long.MaxValue);

    private static int CompareKeys((long Next, long Need, int Site) a, (long Next, long Need, int Site) b)
    {
        int byRatio = ((Int128)a.Next * b.Need).CompareTo((Int128)b.Next * a.Need);
        return byRatio != 0 ? byRatio : a.Site.CompareTo(b.Site);
    }

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

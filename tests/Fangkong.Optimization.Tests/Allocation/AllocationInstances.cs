using Fangkong.Optimization.Allocation;
using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Tests.Allocation;

// Seeded allocation problems, plus the independent networks the tests check the engine against.
// The networks are built here from the problem, not taken from the engine, so a modelling mistake
// in the engine cannot hide behind the same mistake in its check.
public static class AllocationInstances
{
    // Stock is drawn as a random fraction (0.2 .. 2.5) of the total need, so both shortage and
    // surplus occur; some lanes are capped, some sites have a receiving cap or no route at all.
    public static AllocationProblem Random(int seed, int sourceCount, int siteCount, int classes)
    {
        var random = new Random(seed);
        var sites = new List<AllocationSite>();
        long totalNeed = 0;
        for (int j = 0; j < siteCount; j++)
        {
            long need = random.Next(10) == 0 ? 0 : random.Next(1, 151);
            long? maxReceivable = random.Next(8) == 0 ? random.Next(0, 100) : null;
            sites.Add(new AllocationSite($"site{j}", need, 1 + random.Next(classes), maxReceivable));
            totalNeed += need;
        }

        double scale = 0.2 + (2.3 * random.NextDouble());
        var sources = Enumerable.Range(0, sourceCount)
            .Select(s => new AllocationSource($"src{s}", (long)(scale * totalNeed * (0.5 + random.NextDouble()) / sourceCount)))
            .ToList();

        var routes = new List<AllocationRoute>();
        for (int j = 0; j < siteCount; j++)
        {
            if (random.Next(15) == 0)
            {
                continue;
            }

            for (int s = 0; s < sourceCount; s++)
            {
                if (random.NextDouble() < 0.5 || s == j % sourceCount)
                {
                    long? capacity = random.Next(4) == 0 ? random.Next(0, 80) : null;
                    routes.Add(new AllocationRoute($"src{s}", $"site{j}", random.Next(1, 1_000), capacity));
                }
            }
        }

        return new AllocationProblem(sources, sites, routes);
    }

    public static long Limit(AllocationSite site) => Math.Min(site.Need, site.MaxReceivable ?? long.MaxValue);

    // Max flow into the sites for which `counted` is true (cost -1 per unit into them), each site
    // between bounds(i).Low and bounds(i).High, computed with the network simplex as a min-cost flow.
    public static long MaxInflow(AllocationProblem problem, Func<int, bool> counted, Func<int, (long Low, long High)> bounds)
    {
        int m = problem.Sources.Count;
        int n = problem.Sites.Count;
        int sink = m + n;
        var (network, stock) = SourcesWithFreeSink(problem);

        // Distances are left out: here only the amount counts.
        AddRoutes(problem, network, withDistance: false);

        // A lower bound is shifted out: the site absorbs Low itself and passes the rest to the sink.
        long forced = 0;
        for (int i = 0; i < n; i++)
        {
            var (low, high) = bounds(i);
            network.SetSupply(m + i, -low);
            forced += low;
            network.AddArc(m + i, sink, high - low, counted(i) ? -1 : 0);
        }

        network.SetSupply(sink, -(stock - forced));
        var result = NetworkSimplex.Solve(network);
        Assert.Equal(MinCostFlowStatus.Optimal, result.Status);
        long countedLow = Enumerable.Range(0, n).Where(counted).Sum(i => bounds(i).Low);
        return countedLow - result.TotalCost;
    }

    // Node s = source with its stock, m + i = site, m + n = a sink taking unshipped stock for free.
    private static (FlowNetwork Network, long Stock) SourcesWithFreeSink(AllocationProblem problem)
    {
        int m = problem.Sources.Count;
        int sink = m + problem.Sites.Count;
        var network = new FlowNetwork(sink + 1);
        long stock = 0;
        for (int s = 0; s < m; s++)
        {
            network.SetSupply(s, problem.Sources[s].Available);
            network.AddArc(s, sink, problem.Sources[s].Available, 0);
            stock += problem.Sources[s].Available;
        }
        return (network, stock);
    }

    // The transportation problem for fixed amounts: node s = source, m + i = site, m + n = the sink
    // that takes unshipped stock over a free arc.
    public static FlowNetwork Transport(AllocationProblem problem, IReadOnlyList<long> allocated)
    {
        int m = problem.Sources.Count;
        int n = problem.Sites.Count;
        int sink = m + n;
        var (network, stock) = SourcesWithFreeSink(problem);

        for (int i = 0; i < n; i++)
        {
            network.SetSupply(m + i, -allocated[i]);
        }

        network.SetSupply(sink, -(stock - allocated.Sum()));
        AddRoutes(problem, network, withDistance: true);
        return network;
    }

    private static void AddRoutes(AllocationProblem problem, FlowNetwork network, bool withDistance)
    {
        int m = problem.Sources.Count;
        var sourceIndex = problem.Sources.Select((s, k) => (s.Id, k)).ToDictionary(p => p.Id, p => p.k);
        var siteIndex = problem.Sites.Select((s, k) => (s.Id, k)).ToDictionary(p => p.Id, p => p.k);
        foreach (var route in problem.Routes)
        {
            network.AddArc(
                sourceIndex[route.SourceId],
                m + siteIndex[route.SiteId],
                route.Capacity ?? FlowNetwork.InfiniteCapacity,
                withDistance ? route.Distance : 0);
        }
    }
}

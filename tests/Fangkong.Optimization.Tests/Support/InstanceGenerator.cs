using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Tests.Support;

// Seeded generators, so a failing instance can be rebuilt from the seed in the test name.
public static class InstanceGenerator
{
    // Sources with stock, sites with need, sparse routes with capacities and distance costs, plus
    // the two slack nodes an allocation model needs to stay feasible: a "shortage" source whose
    // arcs to the sites are expensive (unmet need) and a "surplus" sink for stock left over.
    public static FlowNetwork Allocation(int seed, int sources, int sites)
    {
        var random = new Random(seed);
        var network = new FlowNetwork(sources + sites + 2);
        int shortage = sources + sites;
        int surplus = shortage + 1;

        long stock = 0;
        for (int s = 0; s < sources; s++)
        {
            long available = random.Next(0, 2_000);
            network.SetSupply(s, available);
            stock += available;
            network.AddArc(s, surplus, available, 0);
        }

        long need = 0;
        for (int j = 0; j < sites; j++)
        {
            int site = sources + j;
            long siteNeed = random.Next(0, 400);
            network.SetSupply(site, -siteNeed);
            need += siteNeed;

            // Priority classes as penalty levels: a key-population site's unmet need costs more.
            long penalty = 10_000 * (1 + random.Next(3));
            network.AddArc(shortage, site, siteNeed, penalty);

            for (int s = 0; s < sources; s++)
            {
                if (random.NextDouble() < 0.5 || s == j % sources)
                {
                    network.AddArc(s, site, random.Next(0, 300), random.Next(1, 1_000));
                }
            }
        }

        network.SetSupply(shortage, need);
        network.SetSupply(surplus, -stock);
        return network;
    }

    // Random sparse digraph, negative costs allowed, no parallel arcs (so GLPK's column names map
    // back to arcs). Supplies come from a random flow, so the instance is feasible by construction.
    public static FlowNetwork RandomSparse(int seed, int nodes, int arcsPerNode, int minCost = -50, int maxCost = 1_000)
    {
        var random = new Random(seed);
        var network = new FlowNetwork(nodes);
        var supply = new long[nodes];
        var seen = new HashSet<(int, int)>();
        int target = nodes * arcsPerNode;
        for (int attempt = 0; network.ArcCount < target && attempt < target * 4; attempt++)
        {
            int from = random.Next(nodes);
            int to = random.Next(nodes);
            if (from == to || !seen.Add((from, to)))
            {
                continue;
            }

            long capacity = random.Next(0, 100);
            network.AddArc(from, to, capacity, random.Next(minCost, maxCost + 1));
            long flow = capacity == 0 ? 0 : random.Next(0, (int)capacity + 1);
            supply[from] += flow;
            supply[to] -= flow;
        }

        for (int u = 0; u < nodes; u++)
        {
            network.SetSupply(u, supply[u]);
        }

        return network;
    }
}

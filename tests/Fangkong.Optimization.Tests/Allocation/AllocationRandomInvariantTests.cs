using Fangkong.Optimization.Allocation;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests.Allocation;

// Every rule of the engine checked on seeded random instances against independent computations:
// feasibility by counting, lexicographic class optimality by max flows (network simplex on a
// network built here), fairness by the exact "common ratio exists" test, and the transport cost
// against GLPK on the DIMACS file of the fixed-amount transportation problem.
public sealed class AllocationRandomInvariantTests
{
    public static TheoryData<int, int, int, int> Instances()
    {
        var data = new TheoryData<int, int, int, int>();
        var random = new Random(20221218);
        for (int seed = 1; seed <= 30; seed++)
        {
            data.Add(seed, random.Next(1, 9), random.Next(3, 41), random.Next(1, 4));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Plan_is_feasible(int seed, int sources, int sites, int classes)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var plan = AllocationEngine.Allocate(problem);

        foreach (var source in problem.Sources)
        {
            Assert.True(plan.Shipments.Where(s => s.SourceId == source.Id).Sum(s => s.Units) <= source.Available, $"{source.Id} over-shipped");
        }

        foreach (var route in problem.Routes)
        {
            long units = plan.Shipments.Where(s => s.SourceId == route.SourceId && s.SiteId == route.SiteId).Sum(s => s.Units);
            Assert.True(units <= (route.Capacity ?? long.MaxValue), $"{route} over capacity");
        }

        Assert.All(plan.Shipments, s => Assert.Contains(problem.Routes, r => r.SourceId == s.SourceId && r.SiteId == s.SiteId && r.Distance == s.Distance));
        for (int i = 0; i < problem.Sites.Count; i++)
        {
            var site = problem.Sites[i];
            var line = plan.Sites[i];
            Assert.Equal(site.Id, line.SiteId);
            Assert.Equal(plan.Shipments.Where(s => s.SiteId == site.Id).Sum(s => s.Units), line.Allocated);
            Assert.InRange(line.Allocated, 0, AllocationInstances.Limit(site));
            Assert.Equal(line.Allocated == site.Need, line.Reason == AllocationReasons.Full);
        }

        Assert.Equal(plan.Sites.Sum(s => s.Allocated), plan.TotalAllocated);
        Assert.Equal(plan.Shipments.Sum(s => s.Units * s.Distance), plan.TransportCost);
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Class_totals_are_lexicographically_maximal(int seed, int sources, int sites, int classes)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var plan = AllocationEngine.Allocate(problem);

        // Every maximal inflow vector over a set of sites has the same total, so lexicographic
        // optimality means: for each p, classes 1..p together get the max flow to those sites alone.
        for (int p = 1; p <= classes; p++)
        {
            bool InPrefix(int i) => problem.Sites[i].Priority <= p;
            long best = AllocationInstances.MaxInflow(problem, InPrefix, i => (0, InPrefix(i) ? AllocationInstances.Limit(problem.Sites[i]) : 0));
            long got = plan.Sites.Where(s => s.Priority <= p).Sum(s => s.Allocated);
            Assert.Equal(best, got);
        }
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Fill_ratios_are_equal_to_the_unit_and_limited_sites_really_are_limited(int seed, int sources, int sites, int classes)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var plan = AllocationEngine.Allocate(problem);

        foreach (var group in plan.Sites.Where(s => s.Need > 0).GroupBy(s => s.Priority))
        {
            // A common r with allocated in {floor(r n), floor(r n) + 1} exists iff every interval
            // [(a - 1) / n, (a + 1) / n) meets every other: (a_i - 1) n_j < (a_j + 1) n_i for all i, j.
            var shared = group.Where(s => s.Reason is AllocationReasons.Full or AllocationReasons.ShortPriorityShare).ToList();
            foreach (var a in shared)
            {
                foreach (var b in shared)
                {
                    Assert.True((a.Allocated - 1) * b.Need < (b.Allocated + 1) * a.Need, $"{a} and {b} have no common ratio");
                }
            }
        }

        // A site below the common share must be unable to take one unit more, even with every other
        // site of its class and the classes above only held at what they got.
        for (int i = 0; i < problem.Sites.Count; i++)
        {
            var line = plan.Sites[i];
            if (line.Reason is not (AllocationReasons.RouteCapacity or AllocationReasons.NoRoute))
            {
                continue;
            }

            int self = i;
            long most = AllocationInstances.MaxInflow(
                problem,
                k => k == self,
                k => k == self
                    ? (0, AllocationInstances.Limit(problem.Sites[k]))
                    : problem.Sites[k].Priority <= line.Priority ? (plan.Sites[k].Allocated, plan.Sites[k].Allocated) : (0, 0));
            Assert.Equal(line.Allocated, most);
        }
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Transport_cost_equals_glpk_for_the_fixed_amounts(int seed, int sources, int sites, int classes)
    {
        Glpsol.RequireInstalled();
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var plan = AllocationEngine.Allocate(problem);
        var network = AllocationInstances.Transport(problem, [.. plan.Sites.Select(s => s.Allocated)]);
        var dimacs = DimacsProblem.FromNetwork(network);

        var ours = NetworkSimplex.Solve(network);
        FlowCertificate.AssertOptimal(network, ours);
        Assert.Equal(ours.TotalCost, plan.TransportCost);

        var glpk = Glpsol.Solve(dimacs);
        Assert.True(glpk.IsOptimal, $"GLPK status {glpk.Status}");
        long glpkObjective = 0;
        foreach (var arc in dimacs.Arcs)
        {
            double value = glpk.Flows[(arc.From, arc.To)];
            long flow = (long)Math.Round(value);
            Assert.True(Math.Abs(value - flow) < 1e-6, $"GLPK flow {value} on {arc} is not integral");
            glpkObjective += flow * arc.Cost;
        }

        Assert.Equal(glpkObjective, plan.TransportCost);
    }
}

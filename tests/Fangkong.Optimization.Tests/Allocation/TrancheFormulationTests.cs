using Fangkong.Optimization.Allocation;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests.Allocation;

// The tranche LP checked three ways on seeded random instances (shortage and surplus, up to three
// classes, capped and zero-capacity lanes, receiving caps, sites without routes): its optimum against
// glpsol on the very DIMACS text we write; its meaning (every prefix of (class, tranche) levels gets
// the most it can, by max flows computed here) against first principles; and its relation to the
// exact engine (same class totals, no more transport).
public sealed class TrancheFormulationTests
{
    public static TheoryData<int, int, int, int, int> Instances()
    {
        var data = new TheoryData<int, int, int, int, int>();
        var random = new Random(20230105);
        int[] tranches = [1, 2, 4, 10];
        for (int seed = 1; seed <= 24; seed++)
        {
            data.Add(seed, random.Next(1, 9), random.Next(3, 41), random.Next(1, 4), tranches[seed % tranches.Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Network_simplex_optimum_on_the_written_tranche_file_equals_glpk(int seed, int sources, int sites, int classes, int tranches)
    {
        Glpsol.RequireInstalled();
        var formulation = TrancheFormulation.Build(AllocationInstances.Random(seed, sources, sites, classes), tranches);
        Assert.True(formulation.ExactInDouble, $"objective bound {formulation.ObjectiveBound} is beyond 2^53");

        // Both solvers see the file as written: we solve what we read back, GLPK gets the same text.
        var text = new StringWriter();
        DimacsWriter.WriteProblem(text, formulation.Dimacs, formulation.Describe());
        var written = DimacsReader.Parse(text.ToString());
        var ours = written.Solve();
        var glpk = Glpsol.Solve(written);

        Assert.Equal(MinCostFlowStatus.Optimal, ours.Status);
        FlowCertificate.AssertOptimal(written.ToNetwork(), ours);
        Assert.True(glpk.IsOptimal, $"GLPK status {glpk.Status}");
        Assert.Equal(written.Arcs.Count, glpk.Flows.Count);

        // GLPK's objective recomputed in integers from its flows; its printed one is rounded.
        var glpkFlows = written.Arcs.Select(arc => IntegralFlow(glpk.Flows[(arc.From, arc.To)], arc)).ToArray();
        long glpkObjective = written.Arcs.Select((arc, e) => glpkFlows[e] * arc.Cost).Sum();
        Assert.Equal(glpkObjective, ours.TotalCost);
        Assert.Equal(glpk.PrintedObjective, ours.TotalCost, tolerance: (Math.Abs(glpk.PrintedObjective) * 1e-6) + 1);

        // Every optimum has the same level totals (see TrancheFormulation), hence the same reward and
        // the same transport, even where GLPK picked other routes.
        var ourPlan = formulation.Read(ours.Flows);
        var glpkPlan = formulation.Read(glpkFlows);
        Assert.Equal(ours.TotalCost, ourPlan.Objective);
        Assert.Equal(ourPlan.Objective, glpkPlan.Objective);
        Assert.Equal(ourPlan.TransportCost, glpkPlan.TransportCost);
        Assert.Equal(ourPlan.TrancheReward, glpkPlan.TrancheReward);
        Assert.Equal(ClassTotals(ourPlan), ClassTotals(glpkPlan));
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Flows_stay_within_stock_lane_and_receiving_capacities(int seed, int sources, int sites, int classes, int tranches)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var formulation = TrancheFormulation.Build(problem, tranches);
        var result = formulation.Dimacs.Solve();
        FlowCertificate.AssertOptimal(formulation.Dimacs.ToNetwork(), result);
        var plan = formulation.Read(result.Flows);

        foreach (var source in problem.Sources)
        {
            Assert.True(plan.Shipments.Where(s => s.SourceId == source.Id).Sum(s => s.Units) <= source.Available, $"{source.Id} over-shipped");
        }

        foreach (var route in problem.Routes)
        {
            long units = plan.Shipments.Where(s => s.SourceId == route.SourceId && s.SiteId == route.SiteId).Sum(s => s.Units);
            Assert.True(units <= (route.Capacity ?? long.MaxValue), $"{route} carries {units}, over its capacity");
        }

        Assert.All(plan.Shipments, s => Assert.Contains(problem.Routes, r => r.SourceId == s.SourceId && r.SiteId == s.SiteId && r.Distance == s.Distance));
        for (int i = 0; i < problem.Sites.Count; i++)
        {
            var line = plan.Sites[i];
            Assert.Equal(problem.Sites[i].Id, line.SiteId);
            Assert.InRange(line.Allocated, 0, AllocationInstances.Limit(problem.Sites[i]));
            Assert.Equal(plan.Shipments.Where(s => s.SiteId == line.SiteId).Sum(s => s.Units), line.Allocated);
        }

        Assert.Equal(plan.Sites.Sum(s => s.Allocated), plan.TotalAllocated);
        Assert.Equal(plan.Shipments.Sum(s => s.Units * s.Distance), plan.TransportCost);
        Assert.Equal(plan.TransportCost - plan.TrancheReward, plan.Objective);
        Assert.Equal(result.TotalCost, plan.Objective);
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Every_prefix_of_class_and_tranche_levels_gets_the_most_it_can(int seed, int sources, int sites, int classes, int tranches)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var formulation = TrancheFormulation.Build(problem, tranches);
        var plan = formulation.Solve();
        var rank = problem.Sites.Select(s => formulation.Classes.ToList().IndexOf(s.Priority)).ToArray();

        // Levels (class c, tranche 1..k): all of the higher classes, and class c up to k/K of need.
        for (int c = 0; c < formulation.Classes.Count; c++)
        {
            for (int k = 1; k <= tranches; k++)
            {
                long Bound(int i) =>
                    rank[i] < c ? AllocationInstances.Limit(problem.Sites[i])
                    : rank[i] == c ? Math.Min(AllocationInstances.Limit(problem.Sites[i]), problem.Sites[i].Need * k / tranches)
                    : 0;
                long best = AllocationInstances.MaxInflow(problem, i => rank[i] <= c, i => (0, Bound(i)));
                long got = Enumerable.Range(0, problem.Sites.Count).Sum(i => Math.Min(plan.Sites[i].Allocated, Bound(i)));
                Assert.True(best == got, $"class {formulation.Classes[c]} tranches 1..{k}: got {got}, the most possible is {best}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void A_site_short_of_a_tranche_it_could_take_never_loses_it_to_a_later_tranche_or_to_idle_stock(
        int seed, int sources, int sites, int classes, int tranches)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var formulation = TrancheFormulation.Build(problem, tranches);
        var plan = formulation.Solve();
        var siteOf = problem.Sites.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var rank = problem.Sites.Select(s => formulation.Classes.ToList().IndexOf(s.Priority)).ToArray();

        // The level of a site's j-th unit: its class, then the tranche ceil(j K / need) holding it.
        int Level(int i, long unit) => (rank[i] * tranches) + (int)(((unit * tranches) + problem.Sites[i].Need - 1) / problem.Sites[i].Need) - 1;
        long Shipped(AllocationRoute r) => plan.Shipments.Where(s => s.SourceId == r.SourceId && s.SiteId == r.SiteId).Sum(s => s.Units);

        // One-step exchanges through a shared source: giving site a its next unit instead of site b's
        // last one, or instead of leaving it in stock, would earn at least one level step G, more
        // than any distance. The optimum must leave no such exchange open.
        foreach (var toA in problem.Routes)
        {
            int a = siteOf[toA.SiteId];
            bool aHasRoom = plan.Sites[a].Allocated < AllocationInstances.Limit(problem.Sites[a]);
            if (!aHasRoom || Shipped(toA) >= (toA.Capacity ?? long.MaxValue))
            {
                continue;
            }

            int aNext = Level(a, plan.Sites[a].Allocated + 1);
            var source = problem.Sources.Single(s => s.Id == toA.SourceId);
            long idle = source.Available - plan.Shipments.Where(s => s.SourceId == source.Id).Sum(s => s.Units);
            Assert.True(idle == 0, $"{source.Id} keeps {idle} units while {toA.SiteId} (class {problem.Sites[a].Priority}) could take more");

            foreach (var toB in problem.Routes.Where(r => r.SourceId == toA.SourceId && r.SiteId != toA.SiteId && Shipped(r) > 0))
            {
                int b = siteOf[toB.SiteId];
                int bLast = Level(b, plan.Sites[b].Allocated);
                Assert.True(aNext >= bLast,
                    $"{toA.SiteId} (class {problem.Sites[a].Priority}) lacks a unit of level {aNext} while {toB.SiteId} "
                    + $"(class {problem.Sites[b].Priority}) got one of level {bLast} from the same source {toA.SourceId}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Class_totals_equal_the_exact_engine_and_transport_is_no_more_than_its(int seed, int sources, int sites, int classes, int tranches)
    {
        var problem = AllocationInstances.Random(seed, sources, sites, classes);
        var lp = TrancheFormulation.Build(problem, tranches).Solve();
        var engine = AllocationEngine.Allocate(problem);

        var engineTotals = engine.Sites.GroupBy(s => s.Priority).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(s => s.Allocated)));
        Assert.Equal(engineTotals, ClassTotals(lp));

        // The engine's amounts fill every level prefix too, so the LP could have chosen them: its
        // transport, optimised over a larger set, cannot be higher.
        Assert.True(lp.TransportCost <= engine.TransportCost, $"tranche LP transport {lp.TransportCost} > engine's {engine.TransportCost}");
    }

    [Fact]
    public void Ten_tranches_split_a_shortage_evenly_where_one_tranche_sends_everything_to_the_nearest_site()
    {
        var problem = new AllocationProblem(
            [new AllocationSource("depot", 10)],
            [new AllocationSite("near", 10, 1), new AllocationSite("far", 10, 1)],
            [new AllocationRoute("depot", "near", 1), new AllocationRoute("depot", "far", 100)]);

        var fair = TrancheFormulation.Build(problem, 10).Solve();
        var coarse = TrancheFormulation.Build(problem, 1).Solve();

        Assert.Equal([5L, 5L], fair.Sites.Select(s => s.Allocated));
        Assert.Equal([5, 5], fair.Sites.Select(s => s.CompleteTranches));
        Assert.Equal(5 * 1 + 5 * 100, fair.TransportCost);
        Assert.Equal([10L, 0L], coarse.Sites.Select(s => s.Allocated));
        Assert.Equal(10, coarse.TransportCost);
    }

    [Fact]
    public void A_lower_class_gets_nothing_while_a_higher_class_site_it_shares_a_source_with_is_short_however_far()
    {
        var problem = new AllocationProblem(
            [new AllocationSource("depot", 30)],
            [new AllocationSite("pharmacy", 40, 3), new AllocationSite("hospital", 25, 1)],
            [new AllocationRoute("depot", "pharmacy", 1), new AllocationRoute("depot", "hospital", 1_000)]);

        var plan = TrancheFormulation.Build(problem, 10).Solve();

        Assert.Equal([5L, 25L], plan.Sites.Select(s => s.Allocated));
        Assert.Equal(5 * 1 + 25 * 1_000, plan.TransportCost);
    }

    [Fact]
    public void Rewards_fall_by_one_level_step_per_tranche_and_the_step_exceeds_any_route_exchange()
    {
        var problem = AllocationInstances.Random(7, 4, 30, 3);
        var formulation = TrancheFormulation.Build(problem, 10);
        long maxDistance = problem.Routes.Max(r => r.Distance);

        Assert.True(formulation.LevelStep > Math.Min(problem.Sources.Count, problem.Sites.Count) * maxDistance);
        var rewards = formulation.Classes.SelectMany(c => Enumerable.Range(1, 10).Select(k => formulation.UnitReward(c, k))).ToArray();
        Assert.All(rewards.Zip(rewards.Skip(1)), pair => Assert.Equal(formulation.LevelStep, pair.First - pair.Second));
        Assert.Equal(formulation.LevelStep, rewards[^1]);

        // No parallel arcs: glpsol names columns x[from,to] and clp reads them from an MPS file.
        Assert.Equal(formulation.Dimacs.Arcs.Count, formulation.Dimacs.Arcs.Select(a => (a.From, a.To)).Distinct().Count());
    }

    [Fact]
    public void Costs_that_would_overflow_64_bits_are_refused_before_solving()
    {
        var problem = new AllocationProblem(
            [new AllocationSource("depot", 1_000_000), new AllocationSource("port", 1_000_000)],
            [new AllocationSite("a", 1_000_000, 1), new AllocationSite("b", 1_000_000, 2)],
            [new AllocationRoute("depot", "a", 1_000_000_000_000), new AllocationRoute("port", "b", 1)]);

        var refused = Assert.Throws<ArgumentException>(() => TrancheFormulation.Build(problem, 100));
        Assert.Contains("overflow", refused.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(int Priority, long Allocated)> ClassTotals(TranchePlan plan) =>
        plan.Sites.GroupBy(s => s.Priority).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(s => s.Allocated)));

    private static long IntegralFlow(double value, DimacsArc arc)
    {
        long flow = (long)Math.Round(value);
        Assert.True(Math.Abs(value - flow) < 1e-6, $"GLPK flow {value} on {arc} is not integral");
        return flow;
    }
}

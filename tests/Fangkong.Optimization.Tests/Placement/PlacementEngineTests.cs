using Fangkong.Optimization.Allocation;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Placement;
using Fangkong.Optimization.Tests.Support;

namespace Fangkong.Optimization.Tests.Placement;

public sealed class PlacementEngineTests
{
    // Levels as the web module numbers them: 1 shelter, 2 ordinary, 3 high-dependency, 4 ICU.
    private static readonly HashSet<int>[] AllowedByClass = [[4], [3, 4], [2, 3], [1]];

    private sealed record Instance(List<WaitingPatient> Patients, List<OpenWard> Wards, Dictionary<string, (int X, int Y)> Points);

    private static Instance Random(int seed)
    {
        var random = new Random(seed);
        var points = new Dictionary<string, (int, int)>();
        int areas = random.Next(3, 12), facilities = random.Next(2, 8);
        for (int a = 0; a < areas; a++) points[$"a{a}"] = (random.Next(0, 500), random.Next(0, 500));
        for (int f = 0; f < facilities; f++) points[$"f{f}"] = (random.Next(0, 500), random.Next(0, 500));
        var wards = new List<OpenWard>();
        for (int f = 0; f < facilities; f++)
            foreach (var level in Enumerable.Range(1, 4).Where(_ => random.NextDouble() < 0.6))
                wards.Add(new OpenWard($"w{f}-{level}", $"f{f}", level, random.Next(0, level == 4 ? 6 : 30)));
        var patients = Enumerable.Range(0, random.Next(20, 250)).Select(i =>
        {
            int priority = random.NextDouble() switch { < 0.05 => 1, < 0.15 => 2, < 0.35 => 3, _ => 4 };
            return new WaitingPatient($"p{i}", $"a{random.Next(areas)}", priority, AllowedByClass[priority - 1], random.Next(0, 72));
        }).ToList();
        return new Instance(patients, wards, points);
    }

    private static long? Distance(Instance instance, string area, string facility)
    {
        var (ax, ay) = instance.Points[area];
        var (fx, fy) = instance.Points[facility];
        return (long)Math.Round(Math.Sqrt(((ax - fx) * (ax - fx)) + ((ay - fy) * (ay - fy))));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 16)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Nobody_lands_below_their_level_and_no_ward_is_overfilled(int seed)
    {
        var instance = Random(seed);
        var result = PlacementEngine.Place(instance.Patients, instance.Wards, (a, f) => Distance(instance, a, f));
        var wards = instance.Wards.ToDictionary(w => w.Id);
        var patients = instance.Patients.ToDictionary(p => p.Id);
        Assert.Equal(instance.Patients.Count, result.Patients.Count);
        foreach (var placed in result.Patients.Where(p => p.WardId is not null))
            Assert.Contains(wards[placed.WardId!].Level, patients[placed.PatientId].AllowedLevels);
        foreach (var ward in result.Patients.Where(p => p.WardId is not null).GroupBy(p => p.WardId!))
            Assert.True(ward.Count() <= wards[ward.Key].FreeBeds, $"{ward.Key} got {ward.Count()} for {wards[ward.Key].FreeBeds} free beds");
        // Within an area and class, whoever waited longer is never left while a shorter wait is placed.
        foreach (var group in instance.Patients.GroupBy(p => (p.Area, p.Priority)))
        {
            var placed = result.Patients.Where(r => group.Any(g => g.Id == r.PatientId)).ToDictionary(r => r.PatientId, r => r.WardId is not null);
            var longestUnplaced = group.Where(p => !placed[p.Id]).Select(p => p.WaitingHours).DefaultIfEmpty(-1).Max();
            var shortestPlaced = group.Where(p => placed[p.Id]).Select(p => p.WaitingHours).DefaultIfEmpty(double.MaxValue).Min();
            Assert.True(longestUnplaced <= shortestPlaced);
        }
    }

    [Fact]
    public void When_ICU_is_short_critical_patients_are_placed_before_severe_ones()
    {
        var patients = Enumerable.Range(0, 5).Select(i => new WaitingPatient($"severe{i}", "a", 2, AllowedByClass[1], 10 + i))
            .Concat(Enumerable.Range(0, 5).Select(i => new WaitingPatient($"critical{i}", "a", 1, AllowedByClass[0], i)))
            .ToList();
        var result = PlacementEngine.Place(patients, [new OpenWard("icu", "h", 4, 3)], (_, _) => 10);
        var placed = result.Patients.Where(p => p.WardId is not null).Select(p => p.PatientId).ToList();
        Assert.Equal(3, placed.Count);
        Assert.All(placed, id => Assert.StartsWith("critical", id));
        // The longest-waiting critical patients first.
        Assert.Equal(["critical2", "critical3", "critical4"], placed.Order());
        Assert.All(result.Patients.Where(p => p.WardId is null && p.PatientId.StartsWith("severe", StringComparison.Ordinal)),
            p => Assert.Equal(AllocationReasons.ShortPriorityShare, p.Reason));
    }

    // Optimal as GLPK sees it: the class totals are the lexicographic maximum of the one-tranche LP
    // (solved by glpsol), and the distance is GLPK's minimum for those placements.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Placement_is_optimal_against_glpk(int seed)
    {
        Glpsol.RequireInstalled();
        var instance = Random(seed);
        var result = PlacementEngine.Place(instance.Patients, instance.Wards, (a, f) => Distance(instance, a, f));
        var problem = result.Problem;
        var priority = problem.Sites.ToDictionary(s => s.Id, s => s.Priority);

        var lp = TrancheFormulation.Build(problem, 1);
        var glpk = Glpsol.Solve(lp.Dimacs);
        Assert.True(glpk.IsOptimal, glpk.Status);
        var glpkPlan = lp.Read(lp.Dimacs.Arcs.Select(a => (long)Math.Round(glpk.Flows[(a.From, a.To)])).ToArray());
        var glpkByClass = glpkPlan.Sites.GroupBy(s => priority[s.SiteId]).ToDictionary(g => g.Key, g => g.Sum(s => s.Allocated));
        var oursByClass = result.Plan.Sites.GroupBy(s => s.Priority).ToDictionary(g => g.Key, g => g.Sum(s => s.Allocated));
        foreach (var (cls, total) in oursByClass) Assert.Equal(glpkByClass.GetValueOrDefault(cls), total);

        // The routing of the engine's placements, as a min-cost flow GLPK solves too.
        var (network, _) = AllocationEngine.RoutingNetwork(problem, result.Plan.Sites.ToDictionary(s => s.SiteId, s => s.Allocated));
        var routing = DimacsProblem.FromNetwork(network);
        var glpkRouting = Glpsol.Solve(routing);
        Assert.True(glpkRouting.IsOptimal, glpkRouting.Status);
        long glpkDistance = routing.Arcs.Sum(a => (long)Math.Round(glpkRouting.Flows[(a.From, a.To)]) * a.Cost);
        Assert.Equal(glpkDistance, result.Plan.TransportCost);
        Assert.Equal(result.Plan.TransportCost, result.Patients.Sum(p => p.Distance ?? 0));
    }
}

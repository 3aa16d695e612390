using Fangkong.Optimization.Allocation;

namespace Fangkong.Optimization.Placement;

// A patient waiting for a bed: the area they are picked up from, their priority class (1 first),
// the bed levels their severity allows, and how long they have waited (longest first within an area).
public sealed record WaitingPatient(string Id, string Area, int Priority, IReadOnlySet<int> AllowedLevels, double WaitingHours);

// Free beds of one level at one facility.
public sealed record OpenWard(string Id, string Facility, int Level, long FreeBeds);

public sealed record PatientPlacement(string PatientId, string? WardId, long? Distance, string Reason);

public sealed record PlacementResult(IReadOnlyList<PatientPlacement> Patients, AllocationProblem Problem, AllocationPlan Plan);

// Placement is the allocation engine with the roles turned round: wards are the sources (their free
// beds), and patients, grouped by (area, priority class, allowed levels) — everyone in a group is
// interchangeable for the optimiser — are the sites, with need = the group's size. So placement gets
// the same guarantees, proven against GLPK: classes served lexicographically (critical before
// severe when ICU is short), equal shares between areas within a class when beds are short, and
// the least total distance among such placements; a route exists only to a ward whose level the
// group's severity allows, so nobody lands below what they need. Within a group the longest waiting
// are placed first, nearest ward first.
public static class PlacementEngine
{
    // The reason of a placed patient; an unplaced one carries the allocation reason of its group.
    public const string Placed = "placed";

    public static PlacementResult Place(IReadOnlyList<WaitingPatient> patients, IReadOnlyList<OpenWard> wards, Func<string, string, long?> distance)
    {
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(wards);
        ArgumentNullException.ThrowIfNull(distance);

        var groups = patients
            .GroupBy(p => (p.Area, p.Priority, Levels: string.Join(",", p.AllowedLevels.Order())))
            .OrderBy(g => g.Key.Priority).ThenBy(g => g.Key.Area, StringComparer.Ordinal).ThenBy(g => g.Key.Levels, StringComparer.Ordinal)
            .Select((g, i) => (Id: $"g{i}", g.Key.Area, g.Key.Priority, Levels: g.First().AllowedLevels,
                Members: g.OrderByDescending(p => p.WaitingHours).ThenBy(p => p.Id, StringComparer.Ordinal).ToList()))
            .ToList();

        var routes = new List<AllocationRoute>();
        foreach (var group in groups)
        {
            foreach (var ward in wards)
            {
                if (ward.FreeBeds > 0 && group.Levels.Contains(ward.Level) && distance(group.Area, ward.Facility) is { } d)
                {
                    routes.Add(new AllocationRoute(ward.Id, group.Id, d));
                }
            }
        }

        var problem = new AllocationProblem(
            wards.Select(w => new AllocationSource(w.Id, Math.Max(0, w.FreeBeds))).ToList(),
            groups.Select(g => new AllocationSite(g.Id, g.Members.Count, g.Priority)).ToList(),
            routes);
        var plan = AllocationEngine.Allocate(problem);

        var reasons = plan.Sites.ToDictionary(s => s.SiteId, s => s.Reason);
        var shipments = plan.Shipments.GroupBy(s => s.SiteId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Distance).ThenBy(s => s.SourceId, StringComparer.Ordinal).ToList());
        var placements = new List<PatientPlacement>(patients.Count);
        foreach (var group in groups)
        {
            var queue = new Queue<(string Ward, long Distance)>();
            foreach (var s in shipments.GetValueOrDefault(group.Id) ?? [])
            {
                for (long u = 0; u < s.Units; u++)
                {
                    queue.Enqueue((s.SourceId, s.Distance));
                }
            }

            foreach (var patient in group.Members)
            {
                placements.Add(queue.TryDequeue(out var bed)
                    ? new PatientPlacement(patient.Id, bed.Ward, bed.Distance, Placed)
                    : new PatientPlacement(patient.Id, null, null, reasons[group.Id]));
            }
        }

        return new PlacementResult(placements, problem, plan);
    }
}

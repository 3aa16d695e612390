using System.Globalization;

namespace Fangkong.Epidemiology.Reproduction;

// Daily incidence split into locally infected and imported cases; index 0 is day 1.
// Only local cases count as offspring in the posterior's shape, while both local and imported
// cases infect others (Cori et al. 2013, web appendix).
public sealed record Incidence
{
    public Incidence(IReadOnlyList<double> local, IReadOnlyList<double> imported)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(imported);
        if (local.Count != imported.Count)
        {
            throw new ArgumentException(
                $"Local ({local.Count} days) and imported ({imported.Count} days) incidence must have the same length.",
                nameof(imported));
        }

        RequireNonNegative(local, nameof(local));
        RequireNonNegative(imported, nameof(imported));
        Local = local;
        Imported = imported;
    }

    public IReadOnlyList<double> Local { get; }

    public IReadOnlyList<double> Imported { get; }

    public int Days => Local.Count;

    // EpiEstim treats a plain incidence series as all local, except day 1: nobody observed can have
    // infected the first cases, so they are counted as imported.
    public static Incidence FromTotal(IReadOnlyList<double> total)
    {
        ArgumentNullException.ThrowIfNull(total);
        RequireNonNegative(total, nameof(total));
        var local = total.ToArray();
        var imported = new double[total.Count];
        if (total.Count > 0)
        {
            imported[0] = total[0];
            local[0] = 0;
        }

        return new Incidence(local, imported);
    }

    // As EpiEstim's process_I: local cases on day 1 are moved to imported, for the same reason as above.
    public static Incidence FromLocalImported(IReadOnlyList<double> local, IReadOnlyList<double> imported)
    {
        var checkedInput = new Incidence(local, imported);
        if (checkedInput.Days == 0 || local[0] == 0)
        {
            return new Incidence(local.ToArray(), imported.ToArray());
        }

        var movedLocal = local.ToArray();
        var movedImported = imported.ToArray();
        movedImported[0] += movedLocal[0];
        movedLocal[0] = 0;
        return new Incidence(movedLocal, movedImported);
    }

    private static void RequireNonNegative(IReadOnlyList<double> values, string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Incidence must be finite and non-negative; day {i + 1} has {values[i]}."),
                    name);
            }
        }
    }
}

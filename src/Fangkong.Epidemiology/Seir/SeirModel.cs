using Fangkong.Epidemiology.Ode;

namespace Fangkong.Epidemiology.Seir;

// dS_i/dt = −β·m(t)·S_i·Σ_j C_ij·I_j/N_j,  dE_i/dt = that − σE_i,  dI_i/dt = σE_i − γI_i,  dR_i/dt = γI_i,
// with m(t) the piecewise-constant contact multiplier. Solved by adaptive Dormand–Prince, restarted at
// every contact change and importation so no step straddles a jump.
public static class SeirModel
{
    public static SeirResult Run(SeirParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();

        var groups = parameters.Groups;
        int groupCount = groups.Count, dim = groupCount * SeirSystem.Width, days = parameters.Days;
        double[,] contacts = parameters.EffectiveContactMatrix();
        double beta = parameters.Beta ?? NextGeneration.BetaForR0(parameters, parameters.R0!.Value);
        double r0 = parameters.R0 ?? NextGeneration.R0ForBeta(parameters, beta);

        var y = new double[dim];
        var vaccinated = new double[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            var group = groups[g];
            double susceptible = group.Population - group.InitialExposed - group.InitialInfectious - group.InitialRecovered;
            vaccinated[g] = group.VaccinationCoverage * group.VaccineEfficacy * susceptible;
            int o = g * SeirSystem.Width;
            y[o] = susceptible - vaccinated[g];
            y[o + 1] = group.InitialExposed;
            y[o + 2] = group.InitialInfectious;
            y[o + 3] = group.InitialRecovered + vaccinated[g];
        }

        ApplyImports(parameters, 0, y);

        var populations = groups.Select(g => g.Population).ToArray();
        var susceptibleAtStart = Enumerable.Range(0, groupCount).Select(g => y[g * SeirSystem.Width]).ToArray();
        double initialEffectiveR = beta * parameters.InfectiousPeriod * parameters.ContactMultiplierAt(0)
            * NextGeneration.SpectralRadius(contacts, susceptibleAtStart, populations);

        var states = new double[(days + 1) * dim];
        y.CopyTo(states, 0);

        var system = new SeirSystem(contacts, groups, beta, parameters.LatentPeriod, parameters.InfectiousPeriod);
        OdeSystem f = system.Evaluate;
        var solver = new DormandPrince45(dim,
            new OdeOptions(parameters.RelativeTolerance, parameters.AbsoluteTolerance));

        double start = 0;
        foreach (double end in Breakpoints(parameters))
        {
            system.ContactMultiplier = parameters.ContactMultiplierAt(start);
            int firstDay = (int)Math.Floor(start) + 1, lastDay = (int)Math.Floor(end);
            int dayCount = Math.Max(0, lastDay - firstDay + 1);
            bool endsOnDay = dayCount > 0 && lastDay == end;
            var times = new double[dayCount + (endsOnDay ? 0 : 1)];
            for (int i = 0; i < dayCount; i++)
            {
                times[i] = firstDay + i;
            }

            if (!endsOnDay)
            {
                times[^1] = end;
            }

            var output = new double[times.Length * dim];
            solver.Integrate(f, start, y, times, output);
            Array.Copy(output, 0, states, firstDay * dim, dayCount * dim);

            ApplyImports(parameters, end, y);
            start = end;
        }

        var trajectories = new SeirTrajectory[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            trajectories[g] = Extract(groups[g], vaccinated[g], states, g, dim, days);
        }

        return new SeirResult(days, beta, r0, initialEffectiveR, Sum(trajectories, days), trajectories);
    }

    // Ends of the integration intervals: every contact change and importation inside the horizon, then the horizon.
    private static List<double> Breakpoints(SeirParameters parameters)
    {
        var points = parameters.ContactChanges.Select(c => c.FromDay)
            .Concat(parameters.Imports.Select(s => s.Day))
            .Where(d => d > 0 && d < parameters.Days)
            .Append(parameters.Days)
            .Distinct()
            .Order()
            .ToList();
        return points;
    }

    private static void ApplyImports(SeirParameters parameters, double day, double[] y)
    {
        foreach (var seed in parameters.Imports)
        {
            if (seed.Day != day)
            {
                continue;
            }

            int o = seed.Group * SeirSystem.Width;
            double moved = Math.Min(seed.Count, y[o]);
            y[o] -= moved;
            y[o + (seed.Into == SeedCompartment.Exposed ? 1 : 2)] += moved;
        }
    }

    private static SeirTrajectory Extract(AgeGroup group, double vaccinated, double[] states, int g, int dim, int days)
    {
        var s = new double[days + 1];
        var e = new double[days + 1];
        var i = new double[days + 1];
        var r = new double[days + 1];
        var incidence = new double[days + 1];
        int o = g * SeirSystem.Width;
        for (int d = 0; d <= days; d++)
        {
            int row = d * dim + o;
            s[d] = states[row];
            e[d] = states[row + 1];
            i[d] = states[row + 2];
            r[d] = states[row + 3];
            if (d > 0)
            {
                incidence[d] = states[row + 4] - states[row + 4 - dim];
            }
        }

        return new SeirTrajectory(group.Name, group.Population, vaccinated, group.InitialRecovered, s, e, i, r, incidence);
    }

    private static SeirTrajectory Sum(SeirTrajectory[] parts, int days)
    {
        var s = new double[days + 1];
        var e = new double[days + 1];
        var i = new double[days + 1];
        var r = new double[days + 1];
        var incidence = new double[days + 1];
        foreach (var part in parts)
        {
            for (int d = 0; d <= days; d++)
            {
                s[d] += part.Susceptible[d];
                e[d] += part.Exposed[d];
                i[d] += part.Infectious[d];
                r[d] += part.Recovered[d];
                incidence[d] += part.Incidence[d];
            }
        }

        return new SeirTrajectory("total", parts.Sum(p => p.Population), parts.Sum(p => p.Vaccinated),
            parts.Sum(p => p.InitiallyImmune), s, e, i, r, incidence);
    }
}

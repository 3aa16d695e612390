using MathNet.Numerics.Random;

namespace Fangkong.Epidemiology.Seir;

public static class SeirEnsemble
{
    public static IReadOnlyList<double> DefaultPercentiles { get; } = [5, 25, 50, 75, 95];

    // All draws are taken from one seeded Mersenne Twister before any model runs, in a fixed order
    // (R0, latent, infectious per member), so the fan is identical for a seed whatever the parallelism.
    public static SeirFan Run(SeirParameters template, EnsembleDistributions distributions, int draws, int seed,
        IReadOnlyList<double>? percentiles = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(distributions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(draws);
        distributions.R0.Validate(nameof(distributions.R0));
        distributions.LatentPeriod.Validate(nameof(distributions.LatentPeriod));
        distributions.InfectiousPeriod.Validate(nameof(distributions.InfectiousPeriod));
        percentiles ??= DefaultPercentiles;
        template.Validate();

        var random = new MersenneTwister(seed, threadSafe: false);
        var members = new SeirParameters[draws];
        for (int k = 0; k < draws; k++)
        {
            double r0 = distributions.R0.Sample(random);
            double latent = distributions.LatentPeriod.Sample(random);
            double infectious = distributions.InfectiousPeriod.Sample(random);
            members[k] = template with { R0 = r0, Beta = null, LatentPeriod = latent, InfectiousPeriod = infectious };
        }

        int days = template.Days;
        var incidence = new double[days + 1][];
        var prevalence = new double[days + 1][];
        for (int d = 0; d <= days; d++)
        {
            incidence[d] = new double[draws];
            prevalence[d] = new double[draws];
        }

        var peakDay = new double[draws];
        var peak = new double[draws];
        var attack = new double[draws];
        Parallel.For(0, draws, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, k =>
        {
            var total = SeirModel.Run(members[k]).Total;
            for (int d = 0; d <= days; d++)
            {
                incidence[d][k] = total.Incidence[d];
                prevalence[d][k] = total.Infectious[d];
            }

            peakDay[k] = total.PeakIncidenceDay;
            peak[k] = total.PeakIncidence;
            attack[k] = total.AttackRate;
        });

        return new SeirFan(draws, seed, percentiles,
            Bands(incidence, percentiles), Bands(prevalence, percentiles),
            Quantiles(peakDay, percentiles), Quantiles(peak, percentiles), Quantiles(attack, percentiles));
    }

    // Linear interpolation between order statistics (R's type 7, numpy's default).
    public static double Percentile(double[] sorted, double percentile)
    {
        double position = percentile / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double[][] Bands(double[][] byDay, IReadOnlyList<double> percentiles)
    {
        var bands = new double[percentiles.Count][];
        for (int p = 0; p < percentiles.Count; p++)
        {
            bands[p] = new double[byDay.Length];
        }

        for (int d = 0; d < byDay.Length; d++)
        {
            Array.Sort(byDay[d]);
            for (int p = 0; p < percentiles.Count; p++)
            {
                bands[p][d] = Percentile(byDay[d], percentiles[p]);
            }
        }

        return bands;
    }

    private static double[] Quantiles(double[] values, IReadOnlyList<double> percentiles)
    {
        Array.Sort(values);
        return percentiles.Select(p => Percentile(values, p)).ToArray();
    }
}

namespace Fangkong.Epidemiology.Reproduction;

// Cori et al. (2013): the time-varying reproduction number over sliding windows with a gamma prior,
// computed as R EpiEstim's estimate_R (2.x) does for a certain serial interval ("parametric_si" and
// "non_parametric_si"), so its published results are reproduced to rounding.
public static class CoriEstimator
{
    public static IReadOnlyList<RtWindow> Estimate(Incidence incidence, RtOptions options)
    {
        ArgumentNullException.ThrowIfNull(incidence);
        ArgumentNullException.ThrowIfNull(options);

        var days = incidence.Days;
        if (days < 2)
        {
            throw new ArgumentException($"At least 2 days of incidence are needed; got {days}.", nameof(incidence));
        }

        var (local, total) = WithFirstDayImported(incidence);
        var (starts, ends) = Windows(days, options);

        // EpiEstim discretises the parametric SI over k = 0..T-1, pads any SI with zeros to T+1 values,
        // and keeps a longer non-parametric one whole; the mean below is taken over that vector.
        var w = options.SerialInterval switch
        {
            SerialInterval.NonParametric np => np.Discretise(Math.Max(days + 1, np.Distribution.Count)),
            _ => Padded(options.SerialInterval.Discretise(days), days + 1),
        };
        var meanSerialInterval = 0.0;
        for (var k = 0; k < w.Count; k++)
        {
            meanSerialInterval += w[k] * k;
        }

        var lambda = TotalInfectivity(total, w);
        var priorShape = options.PriorShape;
        var priorScale = options.PriorScale;

        var windows = new List<RtWindow>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            // Too early in the epidemic, most infectors of the window's cases precede day 1: EpiEstim
            // reports a window only once it ends after the mean serial interval.
            if (!(ends[i] > meanSerialInterval))
            {
                continue;
            }

            double localCases = 0, infectivity = 0;
            for (var t = starts[i]; t <= ends[i]; t++)
            {
                localCases += local[t - 1];
                infectivity += lambda[t - 1];
            }

            var shape = priorShape + localCases;
            var scale = 1 / (1 / priorScale + infectivity);
            windows.Add(new RtWindow(
                starts[i],
                ends[i],
                shape * scale,
                Math.Sqrt(shape) * scale,
                GammaQuantile.Of(0.025, shape, scale),
                GammaQuantile.Of(0.05, shape, scale),
                GammaQuantile.Of(0.25, shape, scale),
                GammaQuantile.Of(0.5, shape, scale),
                GammaQuantile.Of(0.75, shape, scale),
                GammaQuantile.Of(0.95, shape, scale),
                GammaQuantile.Of(0.975, shape, scale)));
        }

        return windows;
    }

    // Whatever the caller built, day 1's cases can only be imported (EpiEstim's process_I).
    private static (double[] Local, double[] Total) WithFirstDayImported(Incidence incidence)
    {
        var local = new double[incidence.Days];
        var total = new double[incidence.Days];
        for (var t = 0; t < incidence.Days; t++)
        {
            local[t] = incidence.Local[t];
            total[t] = incidence.Local[t] + incidence.Imported[t];
        }

        local[0] = 0;
        return (local, total);
    }

    private static (IReadOnlyList<int> Starts, IReadOnlyList<int> Ends) Windows(int days, RtOptions options)
    {
        if (options.TStart is null || options.TEnd is null)
        {
            var length = options.WindowLength;
            var count = days - length;
            if (count < 1)
            {
                throw new ArgumentException(
                    $"{days} days of incidence are too few for a {length}-day window starting on day 2 or later.",
                    nameof(options));
            }

            var starts = Enumerable.Range(2, count).ToArray();
            return (starts, starts.Select(s => s + length - 1).ToArray());
        }

        for (var i = 0; i < options.TStart.Count; i++)
        {
            var start = options.TStart[i];
            var end = options.TEnd[i];

            // Day 1 has no earlier cases to have infected it, so no window may include it.
            if (start < 2)
            {
                throw new ArgumentException($"t_start must be >= 2; window {i + 1} starts on day {start}.", nameof(options));
            }

            if (start > end)
            {
                throw new ArgumentException(
                    $"t_start must be <= t_end; window {i + 1} runs from day {start} to day {end}.", nameof(options));
            }

            if (end > days)
            {
                throw new ArgumentException(
                    $"t_end must be <= the number of days ({days}); window {i + 1} ends on day {end}.", nameof(options));
            }
        }

        return (options.TStart, options.TEnd);
    }

    private static double[] Padded(IReadOnlyList<double> w, int length)
    {
        var padded = new double[Math.Max(length, w.Count)];
        for (var k = 0; k < w.Count; k++)
        {
            padded[k] = w[k];
        }

        return padded;
    }

    // Lambda_t = sum_{s=1}^{t-1} I_{t-s} w_s over all cases, local and imported: everyone infected earlier
    // infects, weighted by how far into their serial interval they are. Lambda_1 is undefined and unused.
    private static double[] TotalInfectivity(double[] total, IReadOnlyList<double> w)
    {
        var lambda = new double[total.Length];
        lambda[0] = double.NaN;
        for (var t = 1; t < total.Length; t++)
        {
            var sum = 0.0;
            for (var s = 1; s <= Math.Min(t, w.Count - 1); s++)
            {
                sum += total[t - s] * w[s];
            }

            lambda[t] = sum;
        }

        return lambda;
    }
}

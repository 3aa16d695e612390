using System.Globalization;

namespace Fangkong.Epidemiology.Reproduction;

// The serial interval as the discrete distribution w_0, w_1, ... that weighs past cases' infectivity.
// A closed hierarchy: the two ways EpiEstim's estimate_R accepts it with a certain serial interval.
public abstract record SerialInterval
{
    private SerialInterval()
    {
    }

    // w_0 … w_{length-1}.
    public abstract IReadOnlyList<double> Discretise(int length);

    // An offset gamma (shift 1 day) with the given mean and sd, discretised as in the web appendix of
    // Cori et al. 2013 (EpiEstim's discr_si before it moved to primarycensored).
    public sealed record Parametric : SerialInterval
    {
        public Parametric(double mean, double sd)
        {
            // The offset of one day needs mean > 1, or the gamma part would have no positive mean.
            if (!double.IsFinite(mean) || mean <= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(mean), mean, "The parametric serial interval's mean must be > 1 day.");
            }

            if (!double.IsFinite(sd) || sd <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sd), sd, "The parametric serial interval's sd must be > 0.");
            }

            Mean = mean;
            Sd = sd;
        }

        public double Mean { get; }

        public double Sd { get; }

        public override IReadOnlyList<double> Discretise(int length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            var shape = (Mean - 1) / Sd * ((Mean - 1) / Sd);
            var scale = Sd * Sd / (Mean - 1);
            var w = new double[length];
            for (var k = 0; k < length; k++)
            {
                var value = k * Cdf(k, shape, scale)
                    + (k - 2) * Cdf(k - 2, shape, scale)
                    - 2.0 * (k - 1) * Cdf(k - 1, shape, scale)
                    + shape * scale * (2 * Cdf(k - 1, shape + 1, scale) - Cdf(k - 2, shape + 1, scale) - Cdf(k, shape + 1, scale));

                // The formula cancels large terms in the tail, so rounding can leave tiny negatives.
                w[k] = Math.Max(0, value);
            }

            return w;
        }

        private static double Cdf(double x, double shape, double scale) =>
            RegularizedGamma.Lower(shape, x / scale);
    }

    public sealed record NonParametric : SerialInterval
    {
        // EpiEstim's check_si_distr tolerance: distributions are often typed with three decimals.
        public const double SumTolerance = 0.01;

        public NonParametric(IReadOnlyList<double> distribution)
        {
            ArgumentNullException.ThrowIfNull(distribution);
            if (Problem(distribution) is { } problem)
            {
                throw new ArgumentException(problem, nameof(distribution));
            }

            Distribution = distribution.ToArray();
        }

        public IReadOnlyList<double> Distribution { get; }

        // Shared with the CSV reader, which reports the same problems as file errors.
        internal static string? Problem(IReadOnlyList<double> distribution)
        {
            if (distribution.Count == 0)
            {
                return "The serial interval distribution is empty.";
            }

            // The framework has no same-day transmission between cases; EpiEstim requires w_0 = 0.
            if (distribution[0] != 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The serial interval distribution must start with w_0 = 0 (it starts with {distribution[0]}).");
            }

            for (var k = 0; k < distribution.Count; k++)
            {
                if (!double.IsFinite(distribution[k]) || distribution[k] < 0)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"The serial interval distribution must be non-negative; w_{k} is {distribution[k]}.");
                }
            }

            var sum = distribution.Sum();
            return Math.Abs(sum - 1) > SumTolerance
                ? string.Create(CultureInfo.InvariantCulture, $"The serial interval distribution must sum to 1 (within {SumTolerance}); it sums to {sum}.")
                : null;
        }

        // Truncated or padded with zeros: days beyond the given distribution carry no infectivity.
        public override IReadOnlyList<double> Discretise(int length)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length);
            var w = new double[length];
            for (var k = 0; k < Math.Min(length, Distribution.Count); k++)
            {
                w[k] = Distribution[k];
            }

            return w;
        }
    }
}

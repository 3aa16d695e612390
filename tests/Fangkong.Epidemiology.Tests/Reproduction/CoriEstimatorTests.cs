using Fangkong.Epidemiology.Reproduction;

namespace Fangkong.Epidemiology.Tests.Reproduction;

public class CoriEstimatorTests
{
    // Prior mean 5, sd 5: gamma with shape 1, scale 5.
    private const double PriorShape = 1;
    private const double PriorRate = 1.0 / 5;

    private static readonly SerialInterval NextDay = new SerialInterval.NonParametric([0, 1]);

    [Fact]
    public void Constant_incidence_with_next_day_serial_interval_gives_the_hand_computed_posterior()
    {
        // Every case infects exactly the next day, so Lambda_t = I_{t-1} = 10 and each weekly window has
        // 70 local cases against an infectivity of 70.
        var incidence = Incidence.FromTotal(Enumerable.Repeat(10.0, 10).ToArray());

        var windows = CoriEstimator.Estimate(incidence, new RtOptions(NextDay));

        Assert.Equal(3, windows.Count);
        Assert.All(windows, w =>
        {
            Assert.Equal((PriorShape + 70) / (PriorRate + 70), w.Mean, 1e-14);
            Assert.Equal(Math.Sqrt(PriorShape + 70) / (PriorRate + 70), w.Std, 1e-14);
        });
    }

    [Fact]
    public void Imported_cases_infect_but_are_not_counted_as_offspring()
    {
        // w1 = w2 = 1/2. Lambda_2 = 3 * 1/2; Lambda_3 = (2 + 1) * 1/2 + 3 * 1/2. Local cases: 2 + 4.
        var incidence = new Incidence(local: [0, 2, 4], imported: [3, 1, 0]);
        var options = new RtOptions(new SerialInterval.NonParametric([0, 0.5, 0.5]), tStart: [2], tEnd: [3]);

        var window = Assert.Single(CoriEstimator.Estimate(incidence, options));

        Assert.Equal((PriorShape + 6) / (PriorRate + 4.5), window.Mean, 1e-14);
    }

    [Fact]
    public void Local_cases_on_day_1_count_as_imported()
    {
        var options = new RtOptions(NextDay, tStart: [2], tEnd: [4]);
        var asGiven = CoriEstimator.Estimate(new Incidence(local: [5, 2, 3, 1], imported: [1, 0, 0, 0]), options);
        var moved = CoriEstimator.Estimate(new Incidence(local: [0, 2, 3, 1], imported: [6, 0, 0, 0]), options);

        Assert.Equal(moved, asGiven);
        Assert.Equal([0, 2, 3, 1], Incidence.FromLocalImported([5, 2, 3, 1], [1, 0, 0, 0]).Local);
        Assert.Equal([6, 0, 0, 0], Incidence.FromLocalImported([5, 2, 3, 1], [1, 0, 0, 0]).Imported);
        Assert.Equal([0, 2, 3, 1], Incidence.FromTotal([5, 2, 3, 1]).Local);
    }

    [Fact]
    public void Window_without_local_cases_has_exponential_posterior_quantiles()
    {
        // Shape stays at the prior's 1, so the quantiles are -ln(1 - p) * scale exactly.
        var incidence = Incidence.FromTotal([5, 0, 0, 0, 0, 0, 0, 0]);
        var scale = 1 / (PriorRate + 5);

        var w = Assert.Single(CoriEstimator.Estimate(incidence, new RtOptions(NextDay)));

        double[] probabilities = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975];
        double[] quantiles = [w.Q025, w.Q05, w.Q25, w.Median, w.Q75, w.Q95, w.Q975];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var expected = -Math.Log(1 - probabilities[i]) * scale;
            Assert.True(Math.Abs(quantiles[i] - expected) <= 1e-14 * expected, $"q{probabilities[i]}: {quantiles[i]:R} vs {expected:R}");
        }
    }

    // Expected values from R 4.2.2: shape = 1 + 7c, scale = 1 / (1/5 + 7c),
    // c(shape * scale, sqrt(shape) * scale, qgamma(c(.025, .05, .25, .5, .75, .95, .975), shape, scale = scale)).
    // A week of 5,000 cases a day gives a shape where MathNet's own gamma functions drift by ~1e-13.
    [Theory]
    [InlineData(20, new[] { 1.0057061340941513, 0.084695735285577153, 0.84656096342596954, 0.87056531551862104, 0.94735825575190336, 1.0033295800459228, 1.0614637008969696, 1.1489538833812114, 1.1783558516460131 })]
    [InlineData(5000, new[] { 1.0000228570122456, 0.0053452706536541621, 0.98957340660727799, 0.99124694230911337, 0.99641235443195852, 1.0000133332732679, 1.0036229775130689, 1.0088312580215393, 1.0105264300219166 })]
    public void Posterior_summaries_match_R_qgamma_for_large_case_counts(int casesPerDay, double[] expected)
    {
        var incidence = Incidence.FromTotal(Enumerable.Repeat((double)casesPerDay, 8).ToArray());

        var window = Assert.Single(CoriEstimator.Estimate(incidence, new RtOptions(NextDay)));

        var actual = ReferenceData.Columns(window)[2..];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-13 * expected[i],
                $"{RtCsv.OutputColumns[i + 2]}: {actual[i]:R} vs R {expected[i]:R}");
        }
    }

    [Fact]
    public void Windows_ending_by_the_mean_serial_interval_are_not_reported()
    {
        // The serial interval is exactly 5 days; a window must end after day 5.
        var fiveDays = new SerialInterval.NonParametric([0, 0, 0, 0, 0, 1]);
        var incidence = Incidence.FromTotal([3, 1, 4, 1, 5, 9, 2, 6]);

        var windows = CoriEstimator.Estimate(incidence, new RtOptions(fiveDays, tStart: [2, 2, 2, 3], tEnd: [4, 5, 6, 8]));

        Assert.Equal([(2, 6), (3, 8)], windows.Select(w => (w.TStart, w.TEnd)));
    }

    [Fact]
    public void Window_length_sets_the_default_sliding_windows()
    {
        var incidence = Incidence.FromTotal(Enumerable.Range(1, 20).Select(i => (double)i).ToArray());

        var windows = CoriEstimator.Estimate(incidence, new RtOptions(NextDay, windowLength: 3));

        Assert.Equal(Enumerable.Range(2, 17).Select(s => (s, s + 2)), windows.Select(w => (w.TStart, w.TEnd)));
    }

    [Fact]
    public void Posterior_summaries_are_ordered_for_every_window_of_an_irregular_epidemic()
    {
        var random = new Random(20130901);
        var total = Enumerable.Range(0, 120).Select(t => (double)random.Next(0, 5 + t * (120 - t) / 40)).ToArray();
        var options = new RtOptions(new SerialInterval.Parametric(5.2, 2.8));

        var windows = CoriEstimator.Estimate(Incidence.FromTotal(total), options);

        Assert.NotEmpty(windows);
        Assert.All(windows, w =>
        {
            Assert.True(w.Q025 < w.Q05 && w.Q05 < w.Q25 && w.Q25 < w.Median && w.Median < w.Q75 && w.Q75 < w.Q95 && w.Q95 < w.Q975,
                $"window {w.TStart}-{w.TEnd} quantiles out of order");

            // A gamma's median lies below its mean; with prior shape >= 1 its sd is at most its mean.
            Assert.True(w.Median < w.Mean && w.Std <= w.Mean, $"window {w.TStart}-{w.TEnd}");
        });
    }

    [Fact]
    public void Negative_incidence_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Incidence.FromTotal([1, 2, -1]));
        Assert.Contains("day 3", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new Incidence([0, 1], [1, double.NaN]));
        Assert.ThrowsAny<ArgumentException>(() => new Incidence([0, 1], [1]));
    }

    [Theory]
    [InlineData(new[] { 0.1, 0.9 }, "w_0 = 0")]
    [InlineData(new[] { 0.0, 0.5, 0.4 }, "sum to 1")]
    [InlineData(new[] { 0.0, 1.2, -0.2 }, "non-negative")]
    [InlineData(new double[0], "empty")]
    public void Non_parametric_serial_interval_must_be_a_distribution_starting_at_zero(double[] distribution, string complaint)
    {
        var error = Assert.Throws<ArgumentException>(() => new SerialInterval.NonParametric(distribution));
        Assert.Contains(complaint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 1.5)]
    [InlineData(0.5, 1.5)]
    [InlineData(2.6, 0)]
    [InlineData(2.6, -1)]
    [InlineData(double.NaN, 1.5)]
    public void Parametric_serial_interval_needs_mean_above_1_and_positive_sd(double mean, double sd) =>
        Assert.ThrowsAny<ArgumentException>(() => new SerialInterval.Parametric(mean, sd));

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 8 }, "same length")]
    [InlineData(new[] { 1 }, new[] { 8 }, "t_start must be >= 2")]
    [InlineData(new[] { 5 }, new[] { 4 }, "t_start must be <= t_end")]
    [InlineData(new[] { 5 }, new[] { 11 }, "t_end must be <= the number of days (10)")]
    public void Windows_must_be_matched_and_inside_the_series(int[] tStart, int[] tEnd, string complaint)
    {
        var incidence = Incidence.FromTotal(Enumerable.Repeat(1.0, 10).ToArray());

        var error = Assert.ThrowsAny<ArgumentException>(() => CoriEstimator.Estimate(incidence, new RtOptions(NextDay, tStart, tEnd)));

        Assert.Contains(complaint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_reject_half_given_windows_and_non_positive_priors()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RtOptions(NextDay, tStart: [2]));
        Assert.ThrowsAny<ArgumentException>(() => new RtOptions(NextDay, priorMean: 0));
        Assert.ThrowsAny<ArgumentException>(() => new RtOptions(NextDay, priorSd: -5));
        Assert.ThrowsAny<ArgumentException>(() => new RtOptions(NextDay, windowLength: 0));
    }

    [Fact]
    public void Series_too_short_for_a_weekly_window_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            CoriEstimator.Estimate(Incidence.FromTotal([1, 2, 3, 4, 5, 6, 7]), new RtOptions(NextDay)));

        Assert.Contains("too few", error.Message, StringComparison.Ordinal);
    }
}

using Fangkong.Epidemiology.Seir;

namespace Fangkong.Epidemiology.Tests.Seir;

public sealed class SeirEnsembleTests
{
    private static readonly SeirParameters District =
        SeirParameters.SingleGroup(1_200_000, 2.2, 5.2, 7, 180, initialInfectious: 20);

    private static readonly EnsembleDistributions Uncertain = new(
        ParameterDistribution.Normal(2.2, 0.3),
        ParameterDistribution.Gamma(5.2, 1.0),
        ParameterDistribution.LogNormal(7, 1.5));

    [Fact]
    public void The_same_seed_gives_the_same_fan_whatever_the_parallelism()
    {
        var parallel = SeirEnsemble.Run(District, Uncertain, draws: 64, seed: 42);
        var serial = SeirEnsemble.Run(District, Uncertain, draws: 64, seed: 42, maxDegreeOfParallelism: 1);
        var other = SeirEnsemble.Run(District, Uncertain, draws: 64, seed: 43);

        for (int p = 0; p < parallel.Percentiles.Count; p++)
        {
            Assert.Equal(serial.Incidence[p], parallel.Incidence[p]);
            Assert.Equal(serial.Prevalence[p], parallel.Prevalence[p]);
        }

        Assert.NotEqual(parallel.Incidence[2], other.Incidence[2]);
    }

    [Fact]
    public void Percentile_bands_are_ordered_on_every_day()
    {
        var fan = SeirEnsemble.Run(District, Uncertain, draws: 100, seed: 7);

        Assert.Equal([5.0, 25, 50, 75, 95], fan.Percentiles);
        for (int d = 0; d <= District.Days; d++)
        {
            for (int p = 1; p < fan.Percentiles.Count; p++)
            {
                Assert.True(fan.Incidence[p - 1][d] <= fan.Incidence[p][d]);
                Assert.True(fan.Prevalence[p - 1][d] <= fan.Prevalence[p][d]);
            }
        }

        Assert.True(fan.Prevalence[4][100] > fan.Prevalence[0][100], "the fan has no width");
    }

    [Fact]
    public void Fixed_distributions_collapse_the_fan_onto_the_deterministic_run()
    {
        var fixedParameters = new EnsembleDistributions(
            ParameterDistribution.Fixed(2.2), ParameterDistribution.Fixed(5.2), ParameterDistribution.Fixed(7));

        var fan = SeirEnsemble.Run(District, fixedParameters, draws: 5, seed: 1);
        var run = SeirModel.Run(District);

        foreach (var band in fan.Incidence)
        {
            Assert.Equal(run.Total.Incidence, band);
        }

        Assert.All(fan.FinalAttackRate, a => Assert.Equal(run.FinalAttackRate, a));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(25.0, 1.75)]
    [InlineData(50.0, 2.5)]
    [InlineData(95.0, 3.85)]
    [InlineData(100.0, 4.0)]
    public void Percentiles_interpolate_between_order_statistics(double percentile, double expected)
    {
        Assert.Equal(expected, SeirEnsemble.Percentile([1, 2, 3, 4], percentile), 1e-12);
    }

    [Theory]
    [InlineData(DistributionKind.Normal)]
    [InlineData(DistributionKind.LogNormal)]
    [InlineData(DistributionKind.Gamma)]
    public void Distributions_given_by_mean_and_sd_have_that_mean_and_sd(DistributionKind kind)
    {
        var distribution = new ParameterDistribution(kind, 5.2, 1.1);
        var random = new MathNet.Numerics.Random.MersenneTwister(3, threadSafe: false);

        var samples = Enumerable.Range(0, 200_000).Select(_ => distribution.Sample(random)).ToArray();

        double mean = samples.Average();
        double sd = Math.Sqrt(samples.Sum(x => (x - mean) * (x - mean)) / (samples.Length - 1));
        Assert.Equal(5.2, mean, 0.02);
        Assert.Equal(1.1, sd, 0.02);
    }
}

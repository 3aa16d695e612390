using Fangkong.Epidemiology.Reproduction;
using MathNet.Numerics.Distributions;

namespace Fangkong.Epidemiology.Tests.Reproduction;

public class SerialIntervalTests
{
    [Fact]
    public void Parametric_discretisation_matches_the_web_appendix_formula_for_mean_2_6_sd_1_5()
    {
        var w = new SerialInterval.Parametric(2.6, 1.5).Discretise(30);

        for (var k = 0; k < 30; k++)
        {
            Assert.Equal(DiscrSi(k, 2.6, 1.5), w[k], 1e-15);
        }

        Assert.Equal(0, w[0]);
        Assert.Equal(0.2331721254075421, w[1], 1e-13);
    }

    [Theory]
    [InlineData(2.6, 1.5)]
    [InlineData(5.2, 2.8)]
    [InlineData(14.9, 3.9)]
    [InlineData(6.8, 4.1)]
    public void Parametric_discretisation_is_a_distribution_with_the_given_mean_when_long_enough(double mean, double sd)
    {
        var w = new SerialInterval.Parametric(mean, sd).Discretise(200);

        Assert.All(w, value => Assert.True(value >= 0));
        Assert.Equal(1, w.Sum(), 1e-12);

        // The appendix's discretisation spreads the offset gamma over neighbouring days symmetrically,
        // so the discrete mean equals the continuous one.
        Assert.Equal(mean, w.Select((value, k) => value * k).Sum(), 1e-9);
    }

    [Fact]
    public void Short_parametric_discretisation_is_not_renormalised()
    {
        var w = new SerialInterval.Parametric(2.6, 1.5).Discretise(3);

        Assert.Equal(DiscrSi(2, 2.6, 1.5), w[2], 1e-15);
        Assert.True(w.Sum() < 0.6);
    }

    [Fact]
    public void Non_parametric_discretisation_pads_with_zeros_and_truncates()
    {
        var si = new SerialInterval.NonParametric([0, 0.25, 0.5, 0.25]);

        Assert.Equal([0, 0.25, 0.5, 0.25, 0, 0], si.Discretise(6));
        Assert.Equal([0, 0.25], si.Discretise(2));
    }

    // EpiEstim's discr_si written out from the formula with MathNet's gamma distribution object,
    // independently of the library's code path: a = ((mu-1)/sigma)^2, b = sigma^2/(mu-1).
    private static double DiscrSi(int k, double mu, double sigma)
    {
        var a = Math.Pow((mu - 1) / sigma, 2);
        var b = sigma * sigma / (mu - 1);
        double F(double x, double shape) => x <= 0 ? 0 : Gamma.CDF(shape, 1 / b, x);
        var value = k * F(k, a) + (k - 2) * F(k - 2, a) - 2 * (k - 1) * F(k - 1, a)
            + a * b * (2 * F(k - 1, a + 1) - F(k - 2, a + 1) - F(k, a + 1));
        return Math.Max(0, value);
    }
}

using Fangkong.Epidemiology.Seir;

namespace Fangkong.Epidemiology.Tests.Seir;

public sealed class TransmissionFitterTests
{
    [Theory]
    [InlineData(GrowthFitMethod.LogLinear, 0.1, 10.0)]
    [InlineData(GrowthFitMethod.PoissonMaximumLikelihood, 0.1, 10.0)]
    [InlineData(GrowthFitMethod.LogLinear, -0.05, 500.0)]
    [InlineData(GrowthFitMethod.PoissonMaximumLikelihood, -0.05, 500.0)]
    public void An_exact_exponential_curve_gives_its_growth_rate_and_the_SEIR_reproduction_number(
        GrowthFitMethod method, double rate, double first)
    {
        var incidence = Enumerable.Range(0, 14).Select(t => first * Math.Exp(rate * t)).ToArray();

        var fit = TransmissionFitter.Fit(incidence, latentPeriod: 5.2, infectiousPeriod: 7, method);

        Assert.Equal(rate, fit.GrowthRate, 1e-10);
        Assert.Equal((1 + rate * 5.2) * (1 + rate * 7), fit.ReproductionNumber, 1e-9);
        Assert.Equal(Math.Log(2) / rate, fit.DoublingTime, 1e-6);
        Assert.Equal(incidence[^1], fit.FittedIncidenceOnLastDay, 1e-8 * incidence[^1]);
    }

    [Fact]
    public void Growth_of_ten_percent_a_day_means_R_of_2_584_for_latent_5_2_and_infectious_7()
    {
        Assert.Equal(1.52 * 1.7, TransmissionFitter.ReproductionNumberFromGrowthRate(0.1, 5.2, 7), 1e-14);
    }

    [Fact]
    public void Log_linear_interval_is_the_student_t_interval_of_the_slope()
    {
        // ln y = 0, 1, 1 on days 0, 1, 2: slope 1/2, SSE 1/6 on 1 degree of freedom, Sxx = 2,
        // so se = √(1/12) and the 95% interval is 1/2 ± t(0.975, 1)·√(1/12), t = 12.7062047361747.
        double[] incidence = [1, Math.E, Math.E];

        var fit = TransmissionFitter.Fit(incidence, 5.2, 7, GrowthFitMethod.LogLinear);

        double halfWidth = 12.706204736174707 * Math.Sqrt(1.0 / 12);
        Assert.Equal(0.5, fit.GrowthRate, 1e-12);
        Assert.Equal(0.5 - halfWidth, fit.GrowthRateLower, 1e-9);
        Assert.Equal(0.5 + halfWidth, fit.GrowthRateUpper, 1e-9);
        Assert.Equal((1 + fit.GrowthRateUpper * 5.2) * (1 + fit.GrowthRateUpper * 7), fit.ReproductionNumberUpper, 1e-9);
    }

    [Fact]
    public void Poisson_interval_is_the_wald_interval_from_the_fisher_information()
    {
        // Counts 1, 2, 4 fit exactly: r = ln 2, μ = 1, 2, 4 on centred days −1, 0, 1. Fisher information
        // [[Σμ, Σxμ], [Σxμ, Σx²μ]] = [[7, 3], [3, 5]], so var(r) = 7 / (35 − 9) = 7/26.
        double[] incidence = [1, 2, 4];

        var fit = TransmissionFitter.Fit(incidence, 5.2, 7);

        double halfWidth = 1.959963984540054 * Math.Sqrt(7.0 / 26);
        Assert.Equal(Math.Log(2), fit.GrowthRate, 1e-12);
        Assert.Equal(Math.Log(2) - halfWidth, fit.GrowthRateLower, 1e-9);
        Assert.Equal(Math.Log(2) + halfWidth, fit.GrowthRateUpper, 1e-9);
    }

    [Fact]
    public void Poisson_fitting_accepts_days_without_cases_that_log_linear_cannot_take()
    {
        double[] incidence = [0, 1, 0, 2, 3, 2, 5, 4, 8, 9];

        var fit = TransmissionFitter.Fit(incidence, 5.2, 7);

        Assert.InRange(fit.GrowthRate, 0.2, 0.4);
        Assert.True(fit.GrowthRateLower < fit.GrowthRate && fit.GrowthRate < fit.GrowthRateUpper);
        Assert.Throws<ArgumentException>(() => TransmissionFitter.Fit(incidence, 5.2, 7, GrowthFitMethod.LogLinear));
    }

    [Fact]
    public void Fitting_the_models_own_early_curve_recovers_its_R0_and_state()
    {
        var parameters = SeirParameters.SingleGroup(1e9, 2.2, 5.2, 7, 80) with { RelativeTolerance = 1e-10 };
        var run = SeirModel.Run(parameters).Total;
        var window = run.Incidence[60..81];

        var fit = TransmissionFitter.Fit(window, 5.2, 7);

        Assert.Equal(2.2, fit.ReproductionNumber, 1e-3);
        Assert.InRange(2.2, fit.ReproductionNumberLower, fit.ReproductionNumberUpper);
        // Daily counts integrate the flow over (d−1, d], so the state sits about half a day later.
        Assert.Equal(1.0, fit.InfectiousOnLastDay / run.Infectious[80], 0.06);
        Assert.Equal(1.0, fit.ExposedOnLastDay / run.Exposed[80], 0.06);
    }
}

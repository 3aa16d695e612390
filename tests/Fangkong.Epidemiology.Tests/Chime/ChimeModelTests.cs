using Fangkong.Epidemiology.Chime;

namespace Fangkong.Epidemiology.Tests.Chime;

// Expected values copied from CodeForPhilly/chime (CHIME v1.1.5):
//   tests/penn_chime/model/test_sir.py — test_model, test_model_raw_start, test_model_conservation,
//     test_model_raw_end, test_model_monotonicity, test_model_cumulative_census;
//   tests/penn_chime/view/test_st_display.py — the doubling/halving times and growth rates in the header.
// CHIME compares the float attributes with ==, so they are compared exactly here too.
public sealed class ChimeModelTests
{
    private static readonly ChimeResult Model = ChimeModel.Run(ChimeFixture.Param);

    [Fact]
    public void Fixture_gives_chimes_growth_rate_R0_Rt_and_doubling_time_exactly()
    {
        Assert.Equal(0.12246204830937302, Model.IntrinsicGrowthRate);
        // CHIME checks β only to its EPSILON (1e-7) against a stale 4.215e-7; the β its own exact R0
        // implies is (g + γ)/S = 3.881e-7, which is what both CHIME and this port compute.
        Assert.True(Math.Abs(Model.Beta - 4.21501347256401e-07) < 1.0e-7);
        Assert.Equal(Model.R0, Model.Beta / Model.Gamma * 499_600.0);
        Assert.Equal(2.307298374881539, Model.Rt);
        Assert.Equal(2.7144686763312222, Model.R0);
        Assert.Equal(7.764405988534983, Model.DoublingTimeWithDistancing);
        Assert.Equal(6.0, Model.DoublingTime);
        Assert.Equal(43, Model.CurrentDayIndex);
    }

    [Fact]
    public void Fixture_gives_chimes_current_infections()
    {
        Assert.Equal(45810.0, Math.Round(Model.Infected, 0));
    }

    [Fact]
    public void Fixture_projection_starts_where_chime_starts()
    {
        Assert.Equal(104, Model.Day.Length);
        Assert.Equal(499600.0, Model.Sir.Susceptible[0]);
        Assert.Equal(449.0, Math.Round(Model.Sir.Infected[1], 0));
        Assert.Equal(-43, Model.Day[0]);
        Assert.Equal(new DateOnly(2020, 2, 14), Model.Date[0]);
        Assert.Equal(1.0, Model.Dispositions.Hospitalized[0]);
        Assert.Equal(0.4, Model.Dispositions.Icu[0]);
        Assert.Equal(0.2, Model.Dispositions.Ventilated[0]);
        Assert.Equal(7083.0, Math.Round(Model.Sir.Recovered[30], 0));
    }

    [Fact]
    public void Fixture_ever_hospitalised_on_day_17_matches_chime()
    {
        Assert.Equal(new DateOnly(2020, 4, 14), Model.Date[60]);
        Assert.Equal(17, Model.Day[60]);
        Assert.Equal(549.0, Math.Round(Model.Dispositions.Hospitalized[60], 0));
        Assert.Equal(220.0, Math.Round(Model.Dispositions.Icu[60], 0));
        Assert.Equal(110.0, Math.Round(Model.Dispositions.Ventilated[60], 0));
    }

    [Fact]
    public void Fixture_projection_ends_where_chime_ends()
    {
        Assert.Equal(83391.0, Math.Round(Model.Sir.Susceptible[^1], 0));
        Assert.Equal(60, Model.Day[^1]);
    }

    [Fact]
    public void Compartments_stay_within_the_population_and_add_up_to_it()
    {
        for (int k = 0; k < Model.Day.Length; k++)
        {
            double s = Model.Sir.Susceptible[k], i = Model.Sir.Infected[k], r = Model.Sir.Recovered[k];
            Assert.InRange(s, 0, 500_000);
            Assert.InRange(i, 0, 500_000);
            Assert.InRange(r, 0, 500_000);
            Assert.True(s + i + r - 500_000 < 0.1);
        }
    }

    [Fact]
    public void Susceptibles_never_rise_and_recovered_never_fall()
    {
        for (int k = 1; k < Model.Day.Length; k++)
        {
            Assert.True(Model.Sir.Susceptible[k] - Model.Sir.Susceptible[k - 1] <= 0);
            Assert.True(Model.Sir.Recovered[k] - Model.Sir.Recovered[k - 1] >= 0);
        }
    }

    [Fact]
    public void Cumulative_admissions_are_ever_hospitalised_less_the_first_patient()
    {
        // test_model_cumulative_census: the one patient of day −i_day is never "admitted".
        double cumulative = 0;
        for (int k = 1; k < Model.Day.Length - 1; k++)
        {
            cumulative += Model.Admissions.Hospitalized[k];
            double expected = 0.05 * 0.05 * (Model.Sir.Infected[k] + Model.Sir.Recovered[k]) - 1.0;
            Assert.True(Math.Abs(cumulative - expected) < 0.1, $"row {k}");
        }

        Assert.True(double.IsNaN(Model.Admissions.Icu[0]));
    }

    [Fact]
    public void Census_on_every_day_is_the_admissions_still_within_their_length_of_stay()
    {
        foreach (var (admits, census, stay) in new[]
        {
            (Model.Admissions.Hospitalized, Model.Census.Hospitalized, 7),
            (Model.Admissions.Icu, Model.Census.Icu, 9),
            (Model.Admissions.Ventilated, Model.Census.Ventilated, 10),
        })
        {
            for (int k = 0; k < census.Length; k++)
            {
                double inBed = 0;
                for (int j = Math.Max(1, k - stay + 1); j <= k; j++)
                {
                    inBed += admits[j];
                }

                Assert.Equal(inBed, census[k], 1e-9);
            }
        }

        // Today's census is what the fit aimed at: the fixture's 100 hospitalised patients.
        Assert.Equal(100, Model.Census.Hospitalized[Model.CurrentDayIndex], 5.0);
    }

    [Theory]
    [InlineData(0.15, "7.8", "12.25", "9.34")]
    [InlineData(0.7, "51.9", "12.25", "-1.33")]
    public void Header_figures_match_chimes_display(double relativeContactRate, string doublingOrHalving,
        string dailyGrowth, string dailyGrowthWithDistancing)
    {
        var model = ChimeModel.Run(ChimeFixture.Param with { RelativeContactRate = relativeContactRate });
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(doublingOrHalving, Math.Abs(model.DoublingTimeWithDistancing).ToString("0.0", invariant));
        Assert.Equal(dailyGrowth, (model.DailyGrowthRate * 100.0).ToString("0.00", invariant));
        Assert.Equal(dailyGrowthWithDistancing, (model.DailyGrowthRateWithDistancing * 100.0).ToString("0.00", invariant));
    }

    [Fact]
    public void Without_a_mitigation_date_today_is_fitted_on_the_unmitigated_curve_before_its_peak()
    {
        var model = ChimeModel.Run(ChimeFixture.Param with { MitigationDate = null });

        Assert.Equal(model.CurrentDayIndex + 60 + 1, model.Day.Length);
        Assert.Equal(2.7144686763312222, model.R0);
        Assert.Equal(100, model.Census.Hospitalized[model.CurrentDayIndex], 10.0);
    }
}

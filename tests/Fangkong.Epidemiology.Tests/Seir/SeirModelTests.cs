using Fangkong.Epidemiology.Seir;

namespace Fangkong.Epidemiology.Tests.Seir;

public sealed class SeirModelTests
{
    private const double Wuhan = 24_900_000;

    private static SeirParameters Baseline(int days = 2000) =>
        SeirParameters.SingleGroup(Wuhan, r0: 2.2, latentPeriod: 5.2, infectiousPeriod: 7, days: days)
            with { RelativeTolerance = 1e-10 };

    private static SeirParameters TwoAgeGroups() => new()
    {
        Groups =
        [
            new AgeGroup("0-64", 20_000_000, InitialInfectious: 5),
            new AgeGroup("65+", 4_900_000, InitialExposed: 2, VaccinationCoverage: 0.5, VaccineEfficacy: 0.8),
        ],
        ContactMatrix = new double[,] { { 12, 1.5 }, { 6, 4 } },
        R0 = 2.5,
        LatentPeriod = 4,
        InfectiousPeriod = 6,
        Days = 365,
        ContactChanges = [new ContactChange(40, 0.4), new ContactChange(100.5, 0.8)],
        Imports = [new ImportedSeed(20, 0, 30), new ImportedSeed(150.25, 1, 10, SeedCompartment.Infectious)],
    };

    [Fact]
    public void Closed_population_final_attack_rate_satisfies_the_final_size_relation()
    {
        var result = SeirModel.Run(Baseline());

        double s0 = (Wuhan - 1) / Wuhan;
        double expected = FinalSize.Solve(2.2, s0, 1 / Wuhan);
        Assert.Equal(expected, result.FinalAttackRate, 1e-6);
        Assert.Equal(0, result.FinalAttackRate - 1 + s0 * Math.Exp(-2.2 * result.FinalAttackRate), 1e-6);
        Assert.InRange(result.FinalAttackRate, 0.84, 0.85);
    }

    [Fact]
    public void Compartments_add_up_to_the_population_on_every_day_of_every_group()
    {
        var result = SeirModel.Run(TwoAgeGroups());

        foreach (var trajectory in result.Groups.Append(result.Total))
        {
            for (int d = 0; d <= result.Days; d++)
            {
                double sum = trajectory.Susceptible[d] + trajectory.Exposed[d] + trajectory.Infectious[d] + trajectory.Recovered[d];
                Assert.Equal(1.0, sum / trajectory.Population, 1e-6);
            }
        }
    }

    [Fact]
    public void Susceptibles_never_rise_and_recovered_never_fall()
    {
        var result = SeirModel.Run(TwoAgeGroups());

        foreach (var trajectory in result.Groups.Append(result.Total))
        {
            for (int d = 1; d <= result.Days; d++)
            {
                Assert.True(trajectory.Susceptible[d] <= trajectory.Susceptible[d - 1] * (1 + 1e-12), $"S rose on day {d}");
                Assert.True(trajectory.Recovered[d] >= trajectory.Recovered[d - 1] * (1 - 1e-12), $"R fell on day {d}");
                Assert.True(trajectory.Incidence[d] >= -1e-6, $"negative incidence on day {d}");
            }
        }
    }

    [Fact]
    public void Daily_incidence_adds_up_to_everyone_who_passed_through_exposed()
    {
        var result = SeirModel.Run(Baseline(days: 3000));

        // Nobody started in E and nobody is left in E or I, so every infection but the seed passed E→I.
        double infected = Wuhan - result.Total.Susceptible[^1];
        Assert.Equal(infected - 1, result.Total.Incidence.Sum(), 1e-3);
    }

    [Fact]
    public void A_lockdown_from_day_30_halving_contact_delays_and_lowers_the_peak()
    {
        var baseline = SeirModel.Run(Baseline());
        var lockdown = SeirModel.Run(Baseline() with { ContactChanges = [new ContactChange(30, 0.5)] });

        Assert.True(lockdown.PeakIncidenceDay > baseline.PeakIncidenceDay);
        Assert.True(lockdown.PeakIncidence < baseline.PeakIncidence);
        Assert.True(lockdown.PeakPrevalenceDay > baseline.PeakPrevalenceDay);
        Assert.True(lockdown.PeakPrevalence < baseline.PeakPrevalence);
        Assert.True(lockdown.FinalAttackRate < baseline.FinalAttackRate);

        var comparison = ScenarioComparison.Compare(baseline, lockdown);
        Assert.Equal(lockdown.PeakIncidenceDay - baseline.PeakIncidenceDay, comparison.PeakDelayDays);
        Assert.Equal(100 * (1 - lockdown.PeakIncidence / baseline.PeakIncidence), comparison.PeakReductionPercent, 1e-9);
        Assert.StartsWith($"peak delayed by {comparison.PeakDelayDays} days, lowered by ", comparison.Summary);
    }

    [Fact]
    public void Contact_changes_apply_in_turn_relative_to_baseline()
    {
        // Contact stopped from day 10 to day 20: no new infections, so S is flat exactly then.
        var parameters = Baseline(days: 40) with
        {
            Groups = [new AgeGroup("all", Wuhan, InitialInfectious: 1000)],
            ContactChanges = [new ContactChange(10, 0.0), new ContactChange(20, 1.0)],
        };

        var s = SeirModel.Run(parameters).Total.Susceptible;

        Assert.True(s[10] < s[9]);
        for (int d = 11; d <= 20; d++)
        {
            Assert.Equal(s[10], s[d]);
        }

        Assert.True(s[21] < s[20]);
        Assert.Equal(0.4, (parameters with { ContactChanges = [new(30, 0.5), new(60, 0.4)] }).ContactMultiplierAt(75));
    }

    [Theory]
    [InlineData(2.2, 0.6, 1.0)]
    [InlineData(4.0, 0.6, 1.0)]
    [InlineData(2.2, 0.3, 0.9)]
    [InlineData(3.0, 0.5, 0.7)]
    public void Vaccinated_population_final_size_satisfies_the_relation_with_the_reduced_susceptible_share(
        double r0, double coverage, double efficacy)
    {
        var parameters = Baseline(days: 4000) with
        {
            R0 = r0,
            Groups = [new AgeGroup("all", Wuhan, InitialInfectious: 1, VaccinationCoverage: coverage, VaccineEfficacy: efficacy)],
        };

        var result = SeirModel.Run(parameters);

        // Vaccination at coverage c and efficacy e leaves s0 = (1 − c·e)(N − 1)/N (0.4 for 60%·1). The
        // immune start makes the relation z = s0(1 − e^(−R0·z)) + i0 in the fraction z of N *infected*;
        // z = 1 − 0.4·e^(−2.2z) as literally written would have 95% "attacked" although R0·s0 = 0.88 < 1.
        double s0 = (1 - coverage * efficacy) * (Wuhan - 1) / Wuhan;
        double expected = FinalSize.Solve(r0, s0, 1 / Wuhan);
        double infected = (result.Total.Incidence.Sum() + 1) / Wuhan;
        Assert.Equal(1.0, infected / expected, 1e-6);
        Assert.Equal(expected, result.FinalAttackRate, 1e-6);
        Assert.Equal(r0 * s0, result.InitialEffectiveReproductionNumber, 1e-9);
    }

    [Fact]
    public void Age_groups_with_proportional_mixing_reproduce_the_one_group_model()
    {
        var single = SeirModel.Run(Baseline(days: 400));
        double young = 20_000_000, old = Wuhan - young;
        var grouped = SeirModel.Run(Baseline(days: 400) with
        {
            Groups =
            [
                new AgeGroup("0-64", young, InitialInfectious: young / Wuhan),
                new AgeGroup("65+", old, InitialInfectious: old / Wuhan),
            ],
            ContactMatrix = new[,] { { young / Wuhan, old / Wuhan }, { young / Wuhan, old / Wuhan } },
        });

        Assert.Equal(single.Beta, grouped.Beta, 1e-15);
        for (int d = 0; d <= 400; d++)
        {
            Assert.Equal(single.Total.Susceptible[d], grouped.Total.Susceptible[d], 1e-6 * Wuhan);
            Assert.Equal(single.Total.Infectious[d], grouped.Total.Infectious[d], 1e-6 * Wuhan);
            Assert.Equal(single.Total.Recovered[d], grouped.Total.Recovered[d], 1e-6 * Wuhan);
            Assert.Equal(single.Total.Incidence[d], grouped.Total.Incidence[d], 1e-6 * Math.Max(1, single.Total.Incidence[d]));
            Assert.Equal(single.Total.Infectious[d] * young / Wuhan, grouped.Groups[0].Infectious[d], 1e-6 * Wuhan);
        }

        Assert.Equal(single.PeakIncidenceDay, grouped.PeakIncidenceDay);
        Assert.Equal(single.FinalAttackRate, grouped.FinalAttackRate, 1e-7);
    }

    [Theory]
    [InlineData(2.2, 7.0, 2.2 / 7.0)]
    [InlineData(3.0, 5.0, 0.6)]
    [InlineData(1.0, 10.0, 0.1)]
    public void One_group_beta_is_R0_over_the_infectious_period(double r0, double infectious, double beta)
    {
        var parameters = SeirParameters.SingleGroup(1e6, r0, 5.2, infectious, 10);

        Assert.Equal(beta, NextGeneration.BetaForR0(parameters, r0), 1e-15);
        Assert.Equal(r0, NextGeneration.R0ForBeta(parameters, beta), 1e-14);
    }

    [Fact]
    public void Two_group_R0_is_the_spectral_radius_of_the_next_generation_matrix()
    {
        // Equal groups, C = [[2, 1], [1, 2]]: eigenvalues 3 and 1, so β = R0 / (3·T_inf).
        var parameters = new SeirParameters
        {
            Groups = [new AgeGroup("a", 1000), new AgeGroup("b", 1000)],
            ContactMatrix = new double[,] { { 2, 1 }, { 1, 2 } },
            R0 = 2.4,
            LatentPeriod = 3,
            InfectiousPeriod = 8,
        };

        Assert.Equal(2.4 / 24, NextGeneration.BetaForR0(parameters, 2.4), 1e-15);
    }

    [Fact]
    public void Early_growth_of_an_age_structured_epidemic_matches_its_R0()
    {
        // With common latent and infectious periods the dominant growth rate r of any contact structure
        // satisfies R0 = (1 + r·T_lat)(1 + r·T_inf), which checks β from the spectral radius end to end.
        var parameters = TwoAgeGroups() with
        {
            Groups = [new AgeGroup("0-64", 2e9, InitialInfectious: 1), new AgeGroup("65+", 5e8)],
            ContactChanges = [],
            Imports = [],
            Days = 120,
            RelativeTolerance = 1e-10,
        };

        var incidence = SeirModel.Run(parameters).Total.Incidence;

        double measured = Math.Log(incidence[120] / incidence[100]) / 20;
        double a = 4.0 * 6.0, b = 4.0 + 6.0, c = 1 - 2.5;
        double expected = (-b + Math.Sqrt(b * b - 4 * a * c)) / (2 * a);
        Assert.Equal(expected, measured, 1e-4);
    }

    [Fact]
    public void Imported_seeds_arrive_after_their_days_report()
    {
        var parameters = SeirParameters.SingleGroup(1e6, 2.0, 5, 7, 30, initialInfectious: 0) with
        {
            Imports = [new ImportedSeed(10, 0, 50, SeedCompartment.Infectious)],
        };

        var total = SeirModel.Run(parameters).Total;

        Assert.Equal(0, total.Infectious[10]);
        Assert.True(total.Infectious[11] > 40);
        Assert.Equal(1e6 - 50, total.Susceptible[10] - 50, 1e-9);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void Parameters_needing_exactly_one_of_R0_and_beta_are_rejected(int giveR0, int giveBeta)
    {
        var parameters = SeirParameters.SingleGroup(1000, 2, 5, 7, 10) with
        {
            R0 = giveR0 == 1 ? 2.0 : null,
            Beta = giveBeta == 1 ? 0.3 : null,
        };

        Assert.Throws<ArgumentException>(() => SeirModel.Run(parameters));
    }
}

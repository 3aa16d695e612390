using Fangkong.Epidemiology.Chime;

namespace Fangkong.Epidemiology.Tests.Chime;

// Expected values copied from CodeForPhilly/chime tests/penn_chime/model/test_sir.py
// (test_sir, test_sim_sir, test_growth_rate).
public sealed class ChimeSirTests
{
    [Fact]
    public void One_sir_step_matches_chimes_contrived_example_bit_for_bit()
    {
        var (s, i, r) = ChimeSir.Step(100, 1, 0, 0.2, 0.5, 1);

        Assert.Equal(0.7920792079207921, s);
        Assert.Equal(0.20297029702970298, i);
        Assert.Equal(0.0049504950495049506, r);
    }

    [Fact]
    public void Forty_days_of_sim_sir_end_where_chime_says()
    {
        var raw = ChimeSir.Simulate(5, 6, 7, 0.1, 0, [new ChimePolicy(0.1, 40)]);

        Assert.Equal(5, Math.Round(raw.Susceptible[0], 0));
        Assert.Equal(6, Math.Round(raw.Infected[0], 2));
        Assert.Equal(7, Math.Round(raw.Recovered[0], 0));
        Assert.Equal(0, Math.Round(raw.Susceptible[^1], 2));
        Assert.Equal(0.18, Math.Round(raw.Infected[^1], 2));
        Assert.Equal(17.82, Math.Round(raw.Recovered[^1], 2));
        Assert.Equal(41, raw.Day.Length);
    }

    [Theory]
    [InlineData(5.0, 14.8698)]
    [InlineData(0.0, 0.0)]
    [InlineData(-4.0, -15.9104)]
    public void Growth_rate_from_doubling_time_matches_chime(double doublingTime, double percent)
    {
        Assert.Equal(percent, Math.Round(ChimeSir.GrowthRate(doublingTime) * 100.0, 4));
    }

    [Theory]
    [InlineData(7, new[] { 0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, new[] { 0.0, 1, 3, 6, 10, 15, 21, 28, 35, 42 })]
    [InlineData(2, new[] { 0.0, 5, 5, 5, 0, 0 }, new[] { 0.0, 5, 10, 10, 5, 0 })]
    public void Census_is_admissions_of_the_last_length_of_stay_days(int lengthOfStay, double[] admits, double[] census)
    {
        admits[0] = double.NaN;

        Assert.Equal(census, ChimeSir.Census(admits, lengthOfStay));
    }
}

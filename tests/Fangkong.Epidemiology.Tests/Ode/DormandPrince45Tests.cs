using Fangkong.Epidemiology.Ode;

namespace Fangkong.Epidemiology.Tests.Ode;

public sealed class DormandPrince45Tests
{
    private static readonly OdeOptions Tight = new(RelativeTolerance: 1e-11, AbsoluteTolerance: 1e-13);

    private static double[] Times(double end, int count) =>
        Enumerable.Range(1, count).Select(i => end * i / count).ToArray();

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(5.0, 2.5)]
    [InlineData(-3.0, 10.0)]
    public void Exponential_decay_matches_closed_form_at_every_output_time(double y0, double end)
    {
        var times = Times(end, 97);
        var output = new double[times.Length];
        double[] y = [y0];

        new DormandPrince45(1, Tight).Integrate((_, s, d) => d[0] = -s[0], 0, y, times, output);

        for (int i = 0; i < times.Length; i++)
        {
            Assert.Equal(y0 * Math.Exp(-times[i]), output[i], 1e-8);
        }

        Assert.Equal(y0 * Math.Exp(-end), y[0], 1e-8);
    }

    [Theory]
    [InlineData(0.5, 100.0, 1.0, 30.0)]
    [InlineData(1.2, 1000.0, 3.0, 20.0)]
    [InlineData(0.3, 1.0, 0.01, 60.0)]
    public void Logistic_growth_matches_closed_form(double rate, double capacity, double y0, double end)
    {
        var times = Times(end, 120);
        var output = new double[times.Length];
        double[] y = [y0];

        new DormandPrince45(1, Tight).Integrate(
            (_, s, d) => d[0] = rate * s[0] * (1 - s[0] / capacity), 0, y, times, output);

        for (int i = 0; i < times.Length; i++)
        {
            double exact = capacity / (1 + (capacity / y0 - 1) * Math.Exp(-rate * times[i]));
            Assert.Equal(exact, output[i], 1e-8 * Math.Max(1, capacity));
        }
    }

    [Theory]
    [InlineData(1.0, 20.0)]
    [InlineData(2.0, 31.4)]
    [InlineData(0.25, 100.0)]
    public void Harmonic_oscillator_keeps_phase_and_amplitude(double omega, double end)
    {
        var times = Times(end, 200);
        var output = new double[2 * times.Length];
        double[] y = [1.0, 0.0];

        new DormandPrince45(2, Tight).Integrate(
            (_, s, d) =>
            {
                d[0] = s[1];
                d[1] = -omega * omega * s[0];
            },
            0, y, times, output);

        for (int i = 0; i < times.Length; i++)
        {
            Assert.Equal(Math.Cos(omega * times[i]), output[2 * i], 1e-8);
            Assert.Equal(-omega * Math.Sin(omega * times[i]), output[2 * i + 1], 1e-8);
        }
    }

    [Fact]
    public void Output_times_come_from_dense_output_so_many_outputs_do_not_force_many_steps()
    {
        var times = Times(10, 1000);
        var output = new double[times.Length];
        double[] y = [1.0];
        var solver = new DormandPrince45(1, new OdeOptions(1e-8, 1e-10));

        solver.Integrate((_, s, d) => d[0] = -s[0], 0, y, times, output);

        Assert.True(solver.Statistics.AcceptedSteps < 100, $"{solver.Statistics.AcceptedSteps} steps");
        Assert.Equal(Math.Exp(-5), output[499], 1e-7);
    }

    [Fact]
    public void An_output_time_equal_to_the_start_returns_the_initial_state()
    {
        double[] times = [0, 1];
        var output = new double[2];
        double[] y = [2.0];

        new DormandPrince45(1, Tight).Integrate((_, s, d) => d[0] = -s[0], 0, y, times, output);

        Assert.Equal(2.0, output[0]);
        Assert.Equal(2 * Math.Exp(-1), output[1], 1e-9);
    }

    [Fact]
    public void Time_dependent_right_hand_side_is_evaluated_at_stage_times()
    {
        // y' = cos t, y(0) = 0 → y = sin t.
        var times = Times(12, 50);
        var output = new double[times.Length];
        double[] y = [0.0];

        new DormandPrince45(1, Tight).Integrate((t, _, d) => d[0] = Math.Cos(t), 0, y, times, output);

        for (int i = 0; i < times.Length; i++)
        {
            Assert.Equal(Math.Sin(times[i]), output[i], 1e-9);
        }
    }

    [Fact]
    public void Descending_output_times_are_rejected()
    {
        double[] y = [1.0];
        var output = new double[2];

        Assert.Throws<ArgumentException>(() =>
            new DormandPrince45(1).Integrate((_, s, d) => d[0] = -s[0], 0, y, [2.0, 1.0], output));
    }
}

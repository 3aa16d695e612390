namespace Fangkong.Epidemiology.Chime;

// The discrete-time pieces of penn_chime/model/sir.py (v1.1.5), kept operation for operation in
// Python's evaluation order so that results agree to the last bit.
public static class ChimeSir
{
    // get_growth_rate: daily growth implied by a doubling time; 0 for none.
    public static double GrowthRate(double? doublingTime) =>
        doublingTime is null or 0.0 ? 0.0 : Math.Pow(2.0, 1.0 / doublingTime.Value) - 1.0;

    // get_beta
    public static double Beta(double intrinsicGrowthRate, double gamma, double susceptible, double relativeContactRate) =>
        (intrinsicGrowthRate + gamma) / susceptible * (1.0 - relativeContactRate);

    // sir: one day of the SIR difference equation, rescaled so that S + I + R stays n. There is no
    // clamping of negative values in 1.1.5: the rescaling is the only correction.
    public static (double S, double I, double R) Step(double s, double i, double r, double beta, double gamma, double n)
    {
        double sN = -beta * s * i + s;
        double iN = beta * s * i - gamma * i + i;
        double rN = gamma * i + r;
        double scale = n / (sN + iN + rN);
        return (sN * scale, iN * scale, rN * scale);
    }

    // sim_sir: the state at the start of each day under each policy in turn, then the final state.
    public static ChimeSimulation Simulate(double s, double i, double r, double gamma, int firstDay,
        IReadOnlyList<ChimePolicy> policies)
    {
        double n = s + i + r;
        int d = firstDay;
        int totalDays = 1;
        foreach (var policy in policies)
        {
            totalDays += policy.Days;
        }

        var days = new int[totalDays];
        var sA = new double[totalDays];
        var iA = new double[totalDays];
        var rA = new double[totalDays];
        int index = 0;
        foreach (var policy in policies)
        {
            for (int k = 0; k < policy.Days; k++)
            {
                days[index] = d;
                sA[index] = s;
                iA[index] = i;
                rA[index] = r;
                index++;
                (s, i, r) = Step(s, i, r, policy.Beta, gamma, n);
                d++;
            }
        }

        days[index] = d;
        sA[index] = s;
        iA[index] = i;
        rA[index] = r;
        return new ChimeSimulation(days, sA, iA, rA);
    }

    // calculate_dispositions: ever_X = (I + R)·rate·market share.
    public static double[] Dispositions(double[] everInfected, double rate, double marketShare)
    {
        var ever = new double[everInfected.Length];
        for (int k = 0; k < ever.Length; k++)
        {
            ever[k] = everInfected[k] * rate * marketShare;
        }

        return ever;
    }

    // calculate_admits: day-over-day difference; the first day has no admissions figure (NaN).
    public static double[] Admissions(double[] ever)
    {
        var admits = new double[ever.Length];
        admits[0] = double.NaN;
        for (int k = 1; k < ever.Length; k++)
        {
            admits[k] = ever[k] - ever[k - 1];
        }

        return admits;
    }

    // calculate_census: admissions of the last lengthOfStay days still in bed — the running total of
    // admissions minus the running total lengthOfStay days earlier, both as numpy cumsum computes them.
    public static double[] Census(double[] admits, int lengthOfStay)
    {
        int n = admits.Length;
        var cumulative = new double[n + lengthOfStay];
        double running = 0;
        for (int k = 1; k < n; k++)
        {
            running += admits[k];
            cumulative[lengthOfStay + k] = running;
        }

        var census = new double[n];
        for (int k = 0; k < n; k++)
        {
            census[k] = cumulative[lengthOfStay + k] - cumulative[k];
        }

        return census;
    }
}

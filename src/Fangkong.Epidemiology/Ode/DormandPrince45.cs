namespace Fangkong.Epidemiology.Ode;

// Dormand–Prince 5(4) with local extrapolation, FSAL and Hairer's fourth-order dense output
// (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4–II.6; the coefficients are those of DOPRI5).
// Every buffer is allocated once, in the constructor: one instance integrates many systems of the
// same size without allocating, but is not thread-safe — give each thread its own.
public sealed class DormandPrince45
{
    private const double C2 = 1.0 / 5, C3 = 3.0 / 10, C4 = 4.0 / 5, C5 = 8.0 / 9;

    private const double A21 = 1.0 / 5;
    private const double A31 = 3.0 / 40, A32 = 9.0 / 40;
    private const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176,
        A65 = -5103.0 / 18656;
    private const double A71 = 35.0 / 384, A73 = 500.0 / 1113, A74 = 125.0 / 192, A75 = -2187.0 / 6784,
        A76 = 11.0 / 84;

    // Difference between the fifth-order solution and the embedded fourth-order one.
    private const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
        E6 = 22.0 / 525, E7 = -1.0 / 40;

    private const double D1 = -12715105075.0 / 11282082432, D3 = 87487479700.0 / 32700410799,
        D4 = -10690763975.0 / 1880347072, D5 = 701980252875.0 / 199316789632,
        D6 = -1453857185.0 / 822651844, D7 = 69997945.0 / 29380423;

    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 10.0;

    private readonly double[] _k2, _k3, _k4, _k5, _k6, _stage, _next, _dense;
    private double[] _k1, _k7;
    private long _accepted, _rejected, _evaluations;

    public DormandPrince45(int dimension, OdeOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Options = options ?? OdeOptions.Default;
        if (!(Options.RelativeTolerance > 0) || !(Options.AbsoluteTolerance >= 0))
        {
            throw new ArgumentException("Tolerances must be positive.", nameof(options));
        }

        Dimension = dimension;
        _k1 = new double[dimension];
        _k2 = new double[dimension];
        _k3 = new double[dimension];
        _k4 = new double[dimension];
        _k5 = new double[dimension];
        _k6 = new double[dimension];
        _k7 = new double[dimension];
        _stage = new double[dimension];
        _next = new double[dimension];
        _dense = new double[5 * dimension];
    }

    public int Dimension { get; }

    public OdeOptions Options { get; }

    public OdeStatistics Statistics => new(_accepted, _rejected, _evaluations);

    // Advances y from t0 to outputTimes[^1] and writes y at every output time into consecutive rows of
    // output (row i = outputTimes[i], Dimension values). Output times must be ascending and not before
    // t0. The last output time is hit exactly by a step; earlier ones come from the dense output, so
    // they never shorten the steps the error control would take.
    public void Integrate(OdeSystem system, double t0, Span<double> y, ReadOnlySpan<double> outputTimes,
        Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(system);
        int n = Dimension;
        if (y.Length != n)
        {
            throw new ArgumentException($"State has {y.Length} components, expected {n}.", nameof(y));
        }

        if (output.Length < outputTimes.Length * n)
        {
            throw new ArgumentException("Output is too short for the requested times.", nameof(output));
        }

        if (outputTimes.IsEmpty)
        {
            return;
        }

        for (int i = 0; i < outputTimes.Length; i++)
        {
            double previous = i == 0 ? t0 : outputTimes[i - 1];
            if (!(outputTimes[i] >= previous))
            {
                throw new ArgumentException("Output times must be ascending and not before t0.",
                    nameof(outputTimes));
            }
        }

        double tEnd = outputTimes[^1];
        int nextOutput = 0;
        while (nextOutput < outputTimes.Length && outputTimes[nextOutput] == t0)
        {
            y.CopyTo(output.Slice(nextOutput * n, n));
            nextOutput++;
        }

        if (nextOutput == outputTimes.Length)
        {
            return;
        }

        double t = t0;
        Evaluate(system, t, y, _k1);
        double h = Math.Min(InitialStep(system, t, y, tEnd - t0), Options.MaxStep);
        bool rejectedLast = false;
        long steps = 0;

        while (true)
        {
            if (++steps > Options.MaxSteps)
            {
                throw new InvalidOperationException($"ODE integration needed more than {Options.MaxSteps} steps.");
            }

            bool last = t + 1.01 * h >= tEnd;
            if (last)
            {
                h = tEnd - t;
            }

            if (h <= 16 * double.Epsilon || t + h == t)
            {
                throw new InvalidOperationException($"ODE step size underflow at t = {t}.");
            }

            double err = TakeStep(system, t, y, h);
            if (!(err <= 1.0))
            {
                if (double.IsNaN(err))
                {
                    throw new InvalidOperationException($"ODE right-hand side returned NaN near t = {t}.");
                }

                _rejected++;
                rejectedLast = true;
                h *= Math.Max(MinFactor, Safety * Math.Pow(err, -0.2));
                continue;
            }

            _accepted++;
            double tNew = last ? tEnd : t + h;
            if (nextOutput < outputTimes.Length && outputTimes[nextOutput] < tNew)
            {
                PrepareDenseOutput(y, h);
                while (nextOutput < outputTimes.Length && outputTimes[nextOutput] < tNew)
                {
                    Interpolate((outputTimes[nextOutput] - t) / h, output.Slice(nextOutput * n, n));
                    nextOutput++;
                }
            }

            _next.CopyTo(y);
            (_k1, _k7) = (_k7, _k1); // First Same As Last: f(t+h) of this step is k1 of the next.
            t = tNew;
            while (nextOutput < outputTimes.Length && outputTimes[nextOutput] == t)
            {
                y.CopyTo(output.Slice(nextOutput * n, n));
                nextOutput++;
            }

            if (last)
            {
                return;
            }

            // After a rejection the step may not grow at once (Hairer's safeguard against oscillation).
            double maxFactor = rejectedLast ? 1.0 : MaxFactor;
            double factor = err == 0 ? maxFactor : Math.Min(maxFactor, Math.Max(MinFactor, Safety * Math.Pow(err, -0.2)));
            h = Math.Min(h * factor, Options.MaxStep);
            rejectedLast = false;
        }
    }

    private void Evaluate(OdeSystem system, double t, ReadOnlySpan<double> y, double[] dydt)
    {
        system(t, y, dydt);
        _evaluations++;
    }

    // Returns the scaled RMS error estimate; the fifth-order solution is left in _next and f(t+h) in _k7.
    private double TakeStep(OdeSystem system, double t, ReadOnlySpan<double> y, double h)
    {
        int n = Dimension;
        double[] k1 = _k1, k2 = _k2, k3 = _k3, k4 = _k4, k5 = _k5, k6 = _k6, k7 = _k7, s = _stage, next = _next;

        for (int i = 0; i < n; i++)
        {
            s[i] = y[i] + h * A21 * k1[i];
        }

        Evaluate(system, t + C2 * h, s, k2);
        for (int i = 0; i < n; i++)
        {
            s[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }

        Evaluate(system, t + C3 * h, s, k3);
        for (int i = 0; i < n; i++)
        {
            s[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }

        Evaluate(system, t + C4 * h, s, k4);
        for (int i = 0; i < n; i++)
        {
            s[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }

        Evaluate(system, t + C5 * h, s, k5);
        for (int i = 0; i < n; i++)
        {
            s[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }

        Evaluate(system, t + h, s, k6);
        for (int i = 0; i < n; i++)
        {
            next[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
        }

        Evaluate(system, t + h, next, k7);

        double rtol = Options.RelativeTolerance, atol = Options.AbsoluteTolerance;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            double scale = atol + rtol * Math.Max(Math.Abs(y[i]), Math.Abs(next[i]));
            double r = e / scale;
            sum += r * r;
        }

        return Math.Sqrt(sum / n);
    }

    private void PrepareDenseOutput(ReadOnlySpan<double> y, double h)
    {
        int n = Dimension;
        double[] d = _dense;
        for (int i = 0; i < n; i++)
        {
            double difference = _next[i] - y[i];
            double bspl = h * _k1[i] - difference;
            d[i] = y[i];
            d[n + i] = difference;
            d[2 * n + i] = bspl;
            d[3 * n + i] = difference - h * _k7[i] - bspl;
            d[4 * n + i] = h * (D1 * _k1[i] + D3 * _k3[i] + D4 * _k4[i] + D5 * _k5[i] + D6 * _k6[i] + D7 * _k7[i]);
        }
    }

    private void Interpolate(double theta, Span<double> destination)
    {
        int n = Dimension;
        double[] d = _dense;
        double theta1 = 1.0 - theta;
        for (int i = 0; i < n; i++)
        {
            destination[i] = d[i] + theta * (d[n + i] + theta1 * (d[2 * n + i] + theta * (d[3 * n + i] + theta1 * d[4 * n + i])));
        }
    }

    // Hairer's starting-step heuristic: a step for which an explicit Euler step would be accurate,
    // corrected by an estimate of the second derivative.
    private double InitialStep(OdeSystem system, double t, ReadOnlySpan<double> y, double span)
    {
        int n = Dimension;
        double rtol = Options.RelativeTolerance, atol = Options.AbsoluteTolerance;
        double d0 = 0, d1 = 0;
        for (int i = 0; i < n; i++)
        {
            double scale = atol + rtol * Math.Abs(y[i]);
            d0 += (y[i] / scale) * (y[i] / scale);
            d1 += (_k1[i] / scale) * (_k1[i] / scale);
        }

        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, span);

        for (int i = 0; i < n; i++)
        {
            _stage[i] = y[i] + h0 * _k1[i];
        }

        Evaluate(system, t + h0, _stage, _k2);
        double d2 = 0;
        for (int i = 0; i < n; i++)
        {
            double scale = atol + rtol * Math.Abs(y[i]);
            double r = (_k2[i] - _k1[i]) / scale;
            d2 += r * r;
        }

        d2 = Math.Sqrt(d2 / n) / h0;
        double h1 = Math.Max(d1, d2) <= 1e-15
            ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / Math.Max(d1, d2), 1.0 / 5);
        return Math.Min(100 * h0, h1);
    }
}

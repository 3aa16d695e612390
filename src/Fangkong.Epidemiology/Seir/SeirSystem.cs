namespace Fangkong.Epidemiology.Seir;

// Right-hand side of the age-structured SEIR with a cumulative E→I counter per group.
// State per group g, at 5g: S, E, I, R, C.
internal sealed class SeirSystem
{
    public const int Width = 5;

    private readonly int _groups;
    private readonly double[] _contactOverN; // C[i, j] / N_j, row-major
    private readonly double _beta, _sigma, _gamma;

    public SeirSystem(double[,] contacts, IReadOnlyList<AgeGroup> groups, double beta, double latent, double infectious)
    {
        _groups = groups.Count;
        _contactOverN = new double[_groups * _groups];
        for (int i = 0; i < _groups; i++)
        {
            for (int j = 0; j < _groups; j++)
            {
                _contactOverN[i * _groups + j] = contacts[i, j] / groups[j].Population;
            }
        }

        _beta = beta;
        _sigma = 1.0 / latent;
        _gamma = 1.0 / infectious;
    }

    // Piecewise constant: the model integrates each interval between contact changes separately,
    // so the integrator never steps across a discontinuity of f.
    public double ContactMultiplier { get; set; } = 1.0;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int g = _groups;
        double scale = _beta * ContactMultiplier;
        for (int i = 0; i < g; i++)
        {
            double pressure = 0;
            for (int j = 0; j < g; j++)
            {
                pressure += _contactOverN[i * g + j] * y[j * Width + 2];
            }

            int o = i * Width;
            double infection = scale * pressure * y[o];
            double onset = _sigma * y[o + 1];
            double recovery = _gamma * y[o + 2];
            dydt[o] = -infection;
            dydt[o + 1] = infection - onset;
            dydt[o + 2] = onset - recovery;
            dydt[o + 3] = recovery;
            dydt[o + 4] = onset;
        }
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace Fangkong.Epidemiology.Seir;

// R0 is the spectral radius of the next-generation matrix K[i, j] = β·C[i, j]·(S_i / N_j)·T_inf:
// the infections in group i caused by one infectious person of group j over the infectious period
// (van den Driessche & Watmough 2002; the latent stage does not change R0 since nobody leaves it
// except into I). With one group and C = 1 this reduces to β = R0 / T_inf.
public static class NextGeneration
{
    public static double SpectralRadius(double[,] contacts, IReadOnlyList<double> susceptible,
        IReadOnlyList<double> population)
    {
        int g = population.Count;
        var k = Matrix<double>.Build.Dense(g, g, (i, j) => contacts[i, j] * susceptible[i] / population[j]);
        return k.Evd().EigenValues.Max(e => e.Magnitude);
    }

    public static double BetaForR0(SeirParameters parameters, double r0)
    {
        double radius = BaselineRadius(parameters);
        if (!(radius > 0))
        {
            throw new ArgumentException("The contact matrix has no transmission (spectral radius 0).");
        }

        return r0 / (radius * parameters.InfectiousPeriod);
    }

    public static double R0ForBeta(SeirParameters parameters, double beta) =>
        beta * parameters.InfectiousPeriod * BaselineRadius(parameters);

    private static double BaselineRadius(SeirParameters parameters)
    {
        var populations = parameters.Groups.Select(g => g.Population).ToArray();
        return SpectralRadius(parameters.EffectiveContactMatrix(), populations, populations);
    }
}

using MathNet.Numerics.Distributions;

namespace Fangkong.Epidemiology.Seir;

public static class TransmissionFitter
{
    public static double ReproductionNumberFromGrowthRate(double growthRate, double latentPeriod, double infectiousPeriod) =>
        (1 + growthRate * latentPeriod) * (1 + growthRate * infectiousPeriod);

    // dailyIncidence: the last n days of observed new infections, oldest first.
    public static TransmissionFit Fit(IReadOnlyList<double> dailyIncidence, double latentPeriod, double infectiousPeriod,
        GrowthFitMethod method = GrowthFitMethod.PoissonMaximumLikelihood, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(dailyIncidence);
        if (dailyIncidence.Count < 3)
        {
            throw new ArgumentException("At least three days are needed to fit a growth rate with an interval.");
        }

        if (dailyIncidence.Any(c => !(c >= 0) || double.IsInfinity(c)))
        {
            throw new ArgumentException("Daily incidence must be finite and non-negative.");
        }

        if (!(latentPeriod > 0) || !(infectiousPeriod > 0))
        {
            throw new ArgumentException("Latent and infectious periods must be positive.");
        }

        if (!(confidenceLevel is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel));
        }

        var (intercept, rate, standardError, quantile) = method switch
        {
            GrowthFitMethod.LogLinear => LogLinear(dailyIncidence, confidenceLevel),
            GrowthFitMethod.PoissonMaximumLikelihood => Poisson(dailyIncidence, confidenceLevel),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        int n = dailyIncidence.Count;
        double lower = rate - quantile * standardError, upper = rate + quantile * standardError;
        double centre = (n - 1) / 2.0;
        return new TransmissionFit(
            method, n, confidenceLevel, rate, lower, upper,
            ReproductionNumberFromGrowthRate(rate, latentPeriod, infectiousPeriod),
            ReproductionNumberFromGrowthRate(lower, latentPeriod, infectiousPeriod),
            ReproductionNumberFromGrowthRate(upper, latentPeriod, infectiousPeriod),
            Math.Exp(intercept + rate * (n - 1 - centre)),
            latentPeriod, infectiousPeriod);
    }

    // Days are centred so intercept and slope are uncorrelated and the Newton steps well conditioned.
    private static (double Intercept, double Rate, double StandardError, double Quantile) LogLinear(
        IReadOnlyList<double> counts, double level)
    {
        if (counts.Any(c => c <= 0))
        {
            throw new ArgumentException("Log-linear fitting needs positive counts on every day; use Poisson maximum likelihood.");
        }

        int n = counts.Count;
        double centre = (n - 1) / 2.0, sxx = 0, sxy = 0, meanY = counts.Average(Math.Log);
        for (int t = 0; t < n; t++)
        {
            double x = t - centre;
            sxx += x * x;
            sxy += x * (Math.Log(counts[t]) - meanY);
        }

        double slope = sxy / sxx, sse = 0;
        for (int t = 0; t < n; t++)
        {
            double residual = Math.Log(counts[t]) - meanY - slope * (t - centre);
            sse += residual * residual;
        }

        double standardError = Math.Sqrt(sse / (n - 2) / sxx);
        return (meanY, slope, standardError, StudentT.InvCDF(0, 1, n - 2, 1 - (1 - level) / 2));
    }

    // Newton–Raphson on the Poisson log-likelihood of log μ_t = a + r·t; the Wald interval uses the
    // inverse Fisher information at the optimum.
    private static (double Intercept, double Rate, double StandardError, double Quantile) Poisson(
        IReadOnlyList<double> counts, double level)
    {
        int n = counts.Count;
        double total = counts.Sum();
        if (total <= 0)
        {
            throw new ArgumentException("No cases in the window: the growth rate is not identifiable.");
        }

        double centre = (n - 1) / 2.0;
        double a = Math.Log(total / n), r = 0;
        double i00 = 0, i01 = 0, i11 = 0;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double u0 = 0, u1 = 0;
            i00 = i01 = i11 = 0;
            for (int t = 0; t < n; t++)
            {
                double x = t - centre, mu = Math.Exp(a + r * x), residual = counts[t] - mu;
                u0 += residual;
                u1 += x * residual;
                i00 += mu;
                i01 += x * mu;
                i11 += x * x * mu;
            }

            double det = i00 * i11 - i01 * i01;
            double da = (i11 * u0 - i01 * u1) / det, dr = (i00 * u1 - i01 * u0) / det;

            // Halve overlong steps: from a flat start a steep curve can overshoot into overflow.
            double step = 1;
            while (Math.Abs(step * dr) * Math.Max(1, centre) > 5)
            {
                step /= 2;
            }

            a += step * da;
            r += step * dr;
            if (Math.Abs(step * dr) < 1e-13 && Math.Abs(step * da) < 1e-13)
            {
                break;
            }
        }

        if (double.IsNaN(r) || double.IsInfinity(r))
        {
            throw new ArgumentException("The Poisson fit did not converge (all cases on the first or last day?).");
        }

        double varianceR = i00 / (i00 * i11 - i01 * i01);
        return (a, r, Math.Sqrt(varianceR), Normal.InvCDF(0, 1, 1 - (1 - level) / 2));
    }
}

using MathNet.Numerics;

namespace Fangkong.Epidemiology.Reproduction;

// Regularized incomplete gamma P(a, x) and Q(a, x) to a few ulps at every shape (checked against R's
// pgamma). MathNet's GammaLowerRegularized is that precise for small shapes, but it computes
// x^a e^-x / Gamma(a) as the exponential of a difference of terms of size a ln a, which leaves errors of
// ~5e-13 at a = 1e3 and ~1e-10 at a = 1e5 — shapes that a week of a large district's cases reaches.
// For large shapes that factor comes here from Stirling's series and ln(1+t) - t evaluated without
// cancellation, as in Temme's and DiDonato & Morris's treatment of large a.
internal static class RegularizedGamma
{
    // From here Stirling's series is exact to double precision; below it MathNet is.
    private const double StirlingFrom = 10;
    private const double Epsilon = 1e-17;

    public static double Lower(double a, double x) =>
        x <= 0 ? 0
        : a < StirlingFrom ? SpecialFunctions.GammaLowerRegularized(a, x)
        : x < a + 1 ? Series(a, x) : 1 - ContinuedFraction(a, x);

    public static double Upper(double a, double x) =>
        x <= 0 ? 1
        : a < StirlingFrom ? SpecialFunctions.GammaUpperRegularized(a, x)
        : x < a + 1 ? 1 - Series(a, x) : ContinuedFraction(a, x);

    // The gamma(a) density at x.
    public static double Density(double a, double x) => x <= 0 ? 0 : Kernel(a, x) * a / x;

    // x^a e^-x / Gamma(a + 1).
    private static double Kernel(double a, double x)
    {
        if (a < StirlingFrom)
        {
            return Math.Exp(a * Math.Log(x) - x - SpecialFunctions.GammaLn(a + 1));
        }

        // = exp(a (ln(1+t) - t) - mu(a)) / sqrt(2 pi a) with t = (x - a) / a and mu Stirling's correction.
        return Math.Exp(a * LogOnePlusMinus((x - a) / a, x / a) - StirlingCorrection(a)) / Math.Sqrt(2 * Math.PI * a);
    }

    // P = kernel * sum_n x^n / ((a+1)…(a+n)), all terms positive.
    private static double Series(double a, double x)
    {
        double sum = 1, term = 1;
        for (var n = 1; term > sum * Epsilon; n++)
        {
            term *= x / (a + n);
            sum += term;
        }

        return Kernel(a, x) * sum;
    }

    // Q by the Legendre continued fraction (modified Lentz), for x >= a + 1 where it converges quickly.
    private static double ContinuedFraction(double a, double x)
    {
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= 3e-16)
            {
                break;
            }
        }

        // x^a e^-x / Gamma(a) = a * kernel.
        return a * Kernel(a, x) * h;
    }

    // ln(1 + t) - t, with ratio = 1 + t given separately so that t near -1 keeps its precision.
    private static double LogOnePlusMinus(double t, double ratio)
    {
        if (Math.Abs(t) > 0.5)
        {
            return Math.Log(ratio) - t;
        }

        // With u = t / (2 + t): ln(1+t) - t = -2u^2 (1 + 2u/3 + u^2 + 4u^3/5 + u^4 + …), no cancellation;
        // the coefficient of u^n is 1 for even n and 1 - 1/(n + 2) for odd n.
        var u = t / (2 + t);
        double sum = 0, power = 1;
        for (var n = 0; n < 200; n++)
        {
            var term = power * (n % 2 == 0 ? 1 : 1 - 1.0 / (n + 2));
            sum += term;
            if (Math.Abs(term) <= Epsilon * Math.Abs(sum))
            {
                break;
            }

            power *= u;
        }

        return -2 * u * u * sum;
    }

    // ln Gamma(a + 1) - ((a + 1/2) ln a - a + ln(2 pi) / 2), by Stirling's series.
    private static double StirlingCorrection(double a)
    {
        var inverse = 1 / a;
        var square = inverse * inverse;
        return inverse * (1.0 / 12 - square * (1.0 / 360 - square * (1.0 / 1260 - square * (1.0 / 1680
            - square * (1.0 / 1188 - square * (691.0 / 360360))))));
    }
}

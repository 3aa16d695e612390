using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Fangkong.Epidemiology.Reproduction;

// Inverse of the gamma CDF to full double precision (R's qgamma is the reference), by Halley steps on
// RegularizedGamma. MathNet's own inverse (GammaLowerRegularizedInv) is within ~1e-15 for small shapes
// and central p, but ~1e-12 off at shapes of 1e4-1e6, up to 1e-3 off in the far tails, and it takes
// hundreds of microseconds at large shapes.
internal static class GammaQuantile
{
    private const int MaxIterations = 100;

    public static double Of(double p, double shape, double scale) => Standard(p, shape) * scale;

    // x with P(shape, x) = p for the unit-scale gamma.
    private static double Standard(double p, double shape)
    {
        if (p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        // Above the median solve Q(x) = 1 - p instead: 1 - p is exact there, and Q keeps its relative
        // precision where P is close to 1.
        var upperTail = p > 0.5;
        var target = upperTail ? 1 - p : p;
        var x = Start(p, shape);
        double lower = 0, upper = double.PositiveInfinity, previousStep = double.PositiveInfinity;
        for (var i = 0; i < MaxIterations; i++)
        {
            // f increases with x in both tails.
            var f = upperTail ? target - RegularizedGamma.Upper(shape, x) : RegularizedGamma.Lower(shape, x) - target;
            if (f == 0)
            {
                return x;
            }

            // Keep a bracket so a poor step falls back to bisection instead of leaving the support.
            if (f < 0)
            {
                lower = x;
            }
            else
            {
                upper = x;
            }

            var density = RegularizedGamma.Density(shape, x);
            var next = double.NaN;
            if (density > 0 && double.IsFinite(density))
            {
                var newton = f / density;
                var halley = newton / (1 - 0.5 * newton * ((shape - 1) / x - 1));
                next = x - (double.IsFinite(halley) ? halley : newton);
            }

            var step = Math.Abs(next - x);

            // Converged to the last bits, or the steps no longer shrink: rounding in the CDF is all that is left.
            if (step <= 4e-16 * x || (step <= 1e-13 * x && step >= 0.5 * previousStep))
            {
                return next;
            }

            if (!(next > lower && next < upper))
            {
                next = double.IsPositiveInfinity(upper) ? Math.Max(2 * x, 2 * lower + 1) : 0.5 * (lower + upper);
                step = Math.Abs(next - x);
            }

            previousStep = step;
            x = next;
        }

        return x;
    }

    // Wilson-Hilferty's cube-root normal approximation is within a few per cent except for small shapes
    // far in the lower tail, where P(a, x) ~ x^a / Gamma(a + 1) is the better guess.
    private static double Start(double p, double shape)
    {
        var z = Normal.InvCDF(0, 1, p);
        var cube = 1 - 1 / (9 * shape) + z / (3 * Math.Sqrt(shape));
        var wilsonHilferty = shape * cube * cube * cube;
        var lowerTail = Math.Exp((Math.Log(p) + SpecialFunctions.GammaLn(shape + 1)) / shape);
        if (!(wilsonHilferty > 0))
        {
            return lowerTail;
        }

        return shape < 1 && lowerTail < wilsonHilferty ? lowerTail : wilsonHilferty;
    }
}

using MathNet.Numerics;

namespace Fangkong.Epidemiology.Reproduction;

// Inverse of the gamma CDF to full double precision. MathNet's own inverse (GammaLowerRegularizedInv)
// stops at about 1e-10 relative, short of EpiEstim's published quantiles (R's qgamma); it serves as the
// starting point for Halley steps on MathNet's regularized incomplete gamma, which is precise.
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

        var logGammaShape = SpecialFunctions.GammaLn(shape);
        var x = Start(p, shape);
        double lower = 0, upper = double.PositiveInfinity;
        for (var i = 0; i < MaxIterations; i++)
        {
            var f = SpecialFunctions.GammaLowerRegularized(shape, x) - p;
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

            var density = Math.Exp((shape - 1) * Math.Log(x) - x - logGammaShape);
            var next = x;
            if (density > 0 && double.IsFinite(density))
            {
                var newton = f / density;
                var halley = newton / (1 - 0.5 * newton * ((shape - 1) / x - 1));
                next = x - (double.IsFinite(halley) ? halley : newton);
            }

            if (!(next > lower && next < upper))
            {
                next = double.IsPositiveInfinity(upper) ? Math.Max(2 * x, lower * 2 + 1) : 0.5 * (lower + upper);
            }

            if (Math.Abs(next - x) <= 1e-15 * x)
            {
                return next;
            }

            x = next;
        }

        return x;
    }

    private static double Start(double p, double shape)
    {
        var guess = SpecialFunctions.GammaLowerRegularizedInv(shape, p);
        return double.IsFinite(guess) && guess > 0 ? guess : Math.Max(shape, 1e-8);
    }
}

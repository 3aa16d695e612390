namespace Fangkong.Epidemiology.Tests.Seir;

// Kermack–McKendrick final size for SIR/SEIR with exponential stages, solved by Newton from z = 1
// (g is convex and negative at 0, so Newton from the right converges to the one positive root).
// With s0 = S(0)/N, i0 = (E(0)+I(0))/N and z the fraction of N infected by the end,
//   z = s0·(1 − e^(−R0·z)) + i0,
// which for a population with nobody immune at the start (s0 + i0 = 1) is z = 1 − s0·e^(−R0·z).
internal static class FinalSize
{
    public static double Solve(double r0, double s0, double i0)
    {
        double z = 1;
        for (int i = 0; i < 100; i++)
        {
            double e = Math.Exp(-r0 * z);
            double g = z - s0 * (1 - e) - i0;
            double step = g / (1 - s0 * r0 * e);
            z -= step;
            if (Math.Abs(step) < 1e-16)
            {
                break;
            }
        }

        return z;
    }
}

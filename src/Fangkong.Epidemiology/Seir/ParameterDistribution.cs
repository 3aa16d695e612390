using MathNet.Numerics.Distributions;

namespace Fangkong.Epidemiology.Seir;

// A positive model parameter's uncertainty. Normal, log-normal and gamma are given by the mean and
// standard deviation of the parameter itself, which is how analysts quote them ("R0 2.2 ± 0.3").
public sealed record ParameterDistribution(DistributionKind Kind, double First, double Second)
{
    public static ParameterDistribution Fixed(double value) => new(DistributionKind.Fixed, value, 0);

    public static ParameterDistribution Uniform(double min, double max) => new(DistributionKind.Uniform, min, max);

    // Truncated at zero by redrawing, since a negative period or R0 means nothing.
    public static ParameterDistribution Normal(double mean, double sd) => new(DistributionKind.Normal, mean, sd);

    public static ParameterDistribution LogNormal(double mean, double sd) => new(DistributionKind.LogNormal, mean, sd);

    public static ParameterDistribution Gamma(double mean, double sd) => new(DistributionKind.Gamma, mean, sd);

    public double Sample(Random random)
    {
        switch (Kind)
        {
            case DistributionKind.Fixed:
                return First;
            case DistributionKind.Uniform:
                return ContinuousUniform.Sample(random, First, Second);
            case DistributionKind.Normal:
                for (int attempt = 0; attempt < 10_000; attempt++)
                {
                    double value = MathNet.Numerics.Distributions.Normal.Sample(random, First, Second);
                    if (value > 0)
                    {
                        return value;
                    }
                }

                throw new InvalidOperationException("The normal distribution has almost no mass above zero.");
            case DistributionKind.LogNormal:
                double sigma2 = Math.Log(1 + Second * Second / (First * First));
                return MathNet.Numerics.Distributions.LogNormal.Sample(random, Math.Log(First) - sigma2 / 2, Math.Sqrt(sigma2));
            case DistributionKind.Gamma:
                return MathNet.Numerics.Distributions.Gamma.Sample(random, First * First / (Second * Second), First / (Second * Second));
            default:
                throw new InvalidOperationException($"Unknown distribution {Kind}.");
        }
    }

    public void Validate(string name)
    {
        bool valid = Kind switch
        {
            DistributionKind.Fixed => First > 0,
            DistributionKind.Uniform => First > 0 && Second >= First,
            _ => First > 0 && Second > 0,
        };
        if (!valid || double.IsInfinity(First) || double.IsInfinity(Second))
        {
            throw new ArgumentException($"{name}: invalid {Kind} distribution ({First}, {Second}).");
        }
    }
}

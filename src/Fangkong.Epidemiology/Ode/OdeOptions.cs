namespace Fangkong.Epidemiology.Ode;

// Error per component is held below AbsoluteTolerance + RelativeTolerance·|y|.
// AbsoluteTolerance is in the units of y: for compartment models counting people, 1e-6 person is plenty.
public sealed record OdeOptions(
    double RelativeTolerance = 1e-8,
    double AbsoluteTolerance = 1e-10,
    double MaxStep = double.PositiveInfinity,
    int MaxSteps = 1_000_000)
{
    public static OdeOptions Default { get; } = new();
}

namespace Fangkong.Epidemiology.Seir;

public sealed record SeirResult(
    int Days,
    double Beta,
    double R0,
    // ρ of the next-generation matrix with the day-0 susceptibles and contact multiplier.
    double InitialEffectiveReproductionNumber,
    SeirTrajectory Total,
    IReadOnlyList<SeirTrajectory> Groups)
{
    public int PeakPrevalenceDay => Total.PeakPrevalenceDay;

    public double PeakPrevalence => Total.PeakPrevalence;

    public int PeakIncidenceDay => Total.PeakIncidenceDay;

    public double PeakIncidence => Total.PeakIncidence;

    public double FinalAttackRate => Total.AttackRate;
}

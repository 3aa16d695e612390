namespace Fangkong.Epidemiology.Seir;

// Percentile bands across ensemble members, computed day by day (so the median curve is not any one
// member's curve). Incidence[p][d] is percentile Percentiles[p] of the daily new infections on day d.
public sealed record SeirFan(
    int Draws,
    int Seed,
    IReadOnlyList<double> Percentiles,
    double[][] Incidence,
    double[][] Prevalence,
    double[] PeakIncidenceDay,
    double[] PeakIncidence,
    double[] FinalAttackRate);

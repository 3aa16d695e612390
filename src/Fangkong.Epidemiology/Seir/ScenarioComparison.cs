using System.Globalization;

namespace Fangkong.Epidemiology.Seir;

// What an intervention buys relative to a baseline, in the words planners use:
// "peak delayed by N days, lowered by M%". Headline figures use daily new infections; the prevalence
// (people infectious at once) figures drive bed demand.
public sealed record ScenarioComparison(
    int PeakDelayDays,
    double PeakReductionPercent,
    int PrevalencePeakDelayDays,
    double PrevalencePeakReductionPercent,
    double AttackRateReductionPercentagePoints)
{
    public static ScenarioComparison Compare(SeirResult baseline, SeirResult alternative)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(alternative);
        return new ScenarioComparison(
            alternative.PeakIncidenceDay - baseline.PeakIncidenceDay,
            Reduction(baseline.PeakIncidence, alternative.PeakIncidence),
            alternative.PeakPrevalenceDay - baseline.PeakPrevalenceDay,
            Reduction(baseline.PeakPrevalence, alternative.PeakPrevalence),
            100 * (baseline.FinalAttackRate - alternative.FinalAttackRate));
    }

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"peak {(PeakDelayDays >= 0 ? "delayed" : "brought forward")} by {Math.Abs(PeakDelayDays)} days, " +
        $"{(PeakReductionPercent >= 0 ? "lowered" : "raised")} by {Math.Abs(PeakReductionPercent):0.#}%");

    private static double Reduction(double baseline, double alternative) =>
        baseline > 0 ? 100 * (1 - alternative / baseline) : 0;
}

namespace Fangkong.Epidemiology.Chime;

// Everything CHIME 1.1.5's Sir object exposes, with arrays indexed by row (row CurrentDayIndex is day 0,
// the current date). Admissions[0] is NaN in every category, as in CHIME.
public sealed record ChimeResult
{
    // i_day: days between the estimated first hospitalisation and the current date.
    public required int CurrentDayIndex { get; init; }

    public required double IntrinsicGrowthRate { get; init; }

    public required double Gamma { get; init; }

    public required double Beta { get; init; }

    public required double BetaWithDistancing { get; init; }

    public required double R0 { get; init; }

    public required double Rt { get; init; }

    public required double DoublingTime { get; init; }

    // Negative when distancing makes the epidemic shrink: then its absolute value is a halving time.
    public required double DoublingTimeWithDistancing { get; init; }

    public required double DailyGrowthRate { get; init; }

    public required double DailyGrowthRateWithDistancing { get; init; }

    // S, I and R on the current date.
    public required double Susceptible { get; init; }

    public required double Infected { get; init; }

    public required double Recovered { get; init; }

    public required int[] Day { get; init; }

    public required DateOnly[] Date { get; init; }

    public required ChimeSimulation Sir { get; init; }

    // Ever hospitalised / in ICU / ventilated, cumulative (CHIME's dispositions_df).
    public required ChimeCategories Dispositions { get; init; }

    public required ChimeCategories Admissions { get; init; }

    public required ChimeCategories Census { get; init; }
}

using Fangkong.Epidemiology.Chime;

namespace Fangkong.Epidemiology.Tests.Chime;

// The `param` and `halving_param` fixtures of CodeForPhilly/chime tests/conftest.py (v1.1.5 era).
internal static class ChimeFixture
{
    public static ChimeParameters Param => new()
    {
        CurrentDate = new DateOnly(2020, 3, 28),
        CurrentHospitalized = 100,
        DoublingTime = 6.0,
        Hospitalized = new ChimeDisposition(Rate: 0.05, Days: 7),
        InfectiousDays = 14,
        Icu = new ChimeDisposition(Rate: 0.02, Days: 9),
        MarketShare = 0.05,
        MitigationDate = new DateOnly(2020, 3, 28),
        NDays = 60,
        Population = 500_000,
        Recovered = 0,
        RelativeContactRate = 0.15,
        Ventilated = new ChimeDisposition(Rate: 0.01, Days: 10),
    };

    public static ChimeParameters HalvingParam => Param with { RelativeContactRate = 0.7 };
}

namespace Fangkong.Epidemiology.Seir;

// Growth rate r of the recent curve and the reproduction number it implies for an SEIR with
// exponentially distributed latent and infectious periods, R = (1 + r·T_lat)(1 + r·T_inf)
// (Wallinga & Lipsitch 2007). The R interval maps the r interval's endpoints through that relation.
public sealed record TransmissionFit(
    GrowthFitMethod Method,
    int Days,
    double ConfidenceLevel,
    double GrowthRate,
    double GrowthRateLower,
    double GrowthRateUpper,
    double ReproductionNumber,
    double ReproductionNumberLower,
    double ReproductionNumberUpper,
    // The fitted daily incidence on the last observed day: where a projection should start.
    double FittedIncidenceOnLastDay,
    double LatentPeriod,
    double InfectiousPeriod)
{
    // ln 2 / r: negative when the curve is shrinking (then it is a halving time).
    public double DoublingTime => Math.Log(2) / GrowthRate;

    // Exposed and infectious people consistent with growth at rate r and the fitted last-day incidence:
    // the E→I flow is σE, so E = incidence·T_lat, and I' = rI gives I = incidence / (r + 1/T_inf).
    public double ExposedOnLastDay => FittedIncidenceOnLastDay * LatentPeriod;

    public double InfectiousOnLastDay => FittedIncidenceOnLastDay / (GrowthRate + 1.0 / InfectiousPeriod);
}

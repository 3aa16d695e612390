namespace Fangkong.Epidemiology.Chime;

public sealed record ChimeCategories(double[] Hospitalized, double[] Icu, double[] Ventilated)
{
    // CHIME's tables and charts show np.floor of the raw values (build_floor_df); NaN stays NaN.
    public ChimeCategories Floor() => new(
        Array.ConvertAll(Hospitalized, Math.Floor),
        Array.ConvertAll(Icu, Math.Floor),
        Array.ConvertAll(Ventilated, Math.Floor));
}

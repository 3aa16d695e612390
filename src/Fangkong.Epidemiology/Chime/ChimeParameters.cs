namespace Fangkong.Epidemiology.Chime;

// CHIME 1.1.5's inputs for the doubling-time path (penn_chime/model/parameters.py).
public sealed record ChimeParameters
{
    public required double Population { get; init; }

    public required double CurrentHospitalized { get; init; }

    public required double DoublingTime { get; init; }

    // Reduction of contacts by social distancing, 0..1 (CHIME's relative_contact_rate).
    public required double RelativeContactRate { get; init; }

    public required ChimeDisposition Hospitalized { get; init; }

    public required ChimeDisposition Icu { get; init; }

    public required ChimeDisposition Ventilated { get; init; }

    public required double InfectiousDays { get; init; }

    public required double MarketShare { get; init; }

    public required int NDays { get; init; }

    public double Recovered { get; init; }

    // Day 0 of the projection. CHIME defaults it to today; here the caller says which day that is.
    public required DateOnly CurrentDate { get; init; }

    // When distancing began. CHIME's web app sends none when distancing is switched off, which selects
    // the fit of day 0 against the unmitigated curve; its Parameters class otherwise defaults it to today.
    public DateOnly? MitigationDate { get; init; }

    public void Validate()
    {
        if (!(Population >= 1))
        {
            throw new ArgumentException("Population must be at least 1.");
        }

        if (!(CurrentHospitalized >= 0) || !(Recovered >= 0))
        {
            throw new ArgumentException("Current hospitalised and recovered cannot be negative.");
        }

        if (!(DoublingTime > 0))
        {
            throw new ArgumentException("Doubling time must be positive.");
        }

        if (RelativeContactRate is < 0 or > 1 || !(MarketShare is > 0 and <= 1))
        {
            throw new ArgumentException("Relative contact rate must lie in [0, 1] and market share in (0, 1].");
        }

        if (!(InfectiousDays > 0) || NDays < 1)
        {
            throw new ArgumentException("Infectious days and the number of days must be positive.");
        }

        foreach (var (name, disposition) in Dispositions())
        {
            if (disposition.Rate is < 0 or > 1 || disposition.Days < 1)
            {
                throw new ArgumentException($"{name}: rate must lie in [0, 1] and days be at least 1.");
            }
        }

        if (!(Hospitalized.Rate > 0))
        {
            throw new ArgumentException("The hospitalisation rate must be positive: it sizes the initial infection.");
        }

        if (MitigationDate is { } mitigation && mitigation.DayNumber - CurrentDate.DayNumber > NDays)
        {
            throw new ArgumentException("The mitigation date lies beyond the projection.");
        }
    }

    public IEnumerable<(string Name, ChimeDisposition Disposition)> Dispositions()
    {
        yield return ("hospitalized", Hospitalized);
        yield return ("icu", Icu);
        yield return ("ventilated", Ventilated);
    }
}

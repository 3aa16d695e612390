namespace Fangkong.Epidemiology.Seir;

public sealed record SeirParameters
{
    public required IReadOnlyList<AgeGroup> Groups { get; init; }

    // ContactMatrix[i, j]: daily contacts a person of group i has with members of group j, up to a
    // common scale (β absorbs the scale when R0 is given). Null means proportional mixing,
    // C[i, j] = N_j / N, under which the groups behave as one well-mixed population.
    public double[,]? ContactMatrix { get; init; }

    // Mean latent period 1/σ in days (the "incubation period" of the scenario screens).
    public required double LatentPeriod { get; init; }

    // Mean infectious period 1/γ in days.
    public required double InfectiousPeriod { get; init; }

    // Give exactly one of R0 and Beta. R0 is for a fully susceptible population at baseline contact.
    public double? R0 { get; init; }

    public double? Beta { get; init; }

    public IReadOnlyList<ContactChange> ContactChanges { get; init; } = [];

    public IReadOnlyList<ImportedSeed> Imports { get; init; } = [];

    public int Days { get; init; } = 180;

    public double RelativeTolerance { get; init; } = 1e-8;

    // In persons.
    public double AbsoluteTolerance { get; init; } = 1e-6;

    public double TotalPopulation => Groups.Sum(g => g.Population);

    public static SeirParameters SingleGroup(double population, double r0, double latentPeriod,
        double infectiousPeriod, int days, double initialInfectious = 1) => new()
    {
        Groups = [new AgeGroup("all", population, InitialInfectious: initialInfectious)],
        R0 = r0,
        LatentPeriod = latentPeriod,
        InfectiousPeriod = infectiousPeriod,
        Days = days,
    };

    public double[,] EffectiveContactMatrix()
    {
        int g = Groups.Count;
        if (ContactMatrix is not null)
        {
            return ContactMatrix;
        }

        double total = TotalPopulation;
        var proportional = new double[g, g];
        for (int i = 0; i < g; i++)
        {
            for (int j = 0; j < g; j++)
            {
                proportional[i, j] = Groups[j].Population / total;
            }
        }

        return proportional;
    }

    public double ContactMultiplierAt(double day)
    {
        double multiplier = 1.0, from = double.NegativeInfinity;
        foreach (var change in ContactChanges)
        {
            if (change.FromDay <= day && change.FromDay >= from)
            {
                multiplier = change.Multiplier;
                from = change.FromDay;
            }
        }

        return multiplier;
    }

    public void Validate()
    {
        if (Groups is null || Groups.Count == 0)
        {
            throw new ArgumentException("At least one group is required.");
        }

        foreach (var group in Groups)
        {
            if (!(group.Population > 0))
            {
                throw new ArgumentException($"Group '{group.Name}' needs a positive population.");
            }

            if (group.InitialExposed < 0 || group.InitialInfectious < 0 || group.InitialRecovered < 0
                || group.InitialExposed + group.InitialInfectious + group.InitialRecovered > group.Population)
            {
                throw new ArgumentException($"Group '{group.Name}' has initial counts outside [0, population].");
            }

            if (group.VaccinationCoverage is < 0 or > 1 || group.VaccineEfficacy is < 0 or > 1)
            {
                throw new ArgumentException($"Group '{group.Name}': coverage and efficacy must lie in [0, 1].");
            }
        }

        if (ContactMatrix is not null)
        {
            if (ContactMatrix.GetLength(0) != Groups.Count || ContactMatrix.GetLength(1) != Groups.Count)
            {
                throw new ArgumentException($"The contact matrix must be {Groups.Count}×{Groups.Count}.");
            }

            foreach (double c in ContactMatrix)
            {
                if (!(c >= 0) || double.IsInfinity(c))
                {
                    throw new ArgumentException("Contacts must be finite and non-negative.");
                }
            }
        }

        if (!(LatentPeriod > 0) || !(InfectiousPeriod > 0))
        {
            throw new ArgumentException("Latent and infectious periods must be positive.");
        }

        if (R0.HasValue == Beta.HasValue)
        {
            throw new ArgumentException("Give exactly one of R0 and Beta.");
        }

        if (R0 is < 0 || Beta is < 0)
        {
            throw new ArgumentException("R0 and Beta cannot be negative.");
        }

        if (Days < 1)
        {
            throw new ArgumentException("Days must be at least 1.");
        }

        foreach (var change in ContactChanges)
        {
            if (!(change.Multiplier >= 0) || double.IsNaN(change.FromDay))
            {
                throw new ArgumentException("Contact multipliers must be non-negative, from a given day.");
            }
        }

        foreach (var seed in Imports)
        {
            if (seed.Group < 0 || seed.Group >= Groups.Count || !(seed.Count >= 0) || !(seed.Day >= 0))
            {
                throw new ArgumentException("Imported seeds need a valid group, a count ≥ 0 and a day ≥ 0.");
            }
        }
    }
}

namespace Fangkong.Core.Divisions;

// Spreads census figures known only for a city and its districts down to streets and committees, so
// every level of the division tree has a plausible population whose parts add up exactly.
public static class PopulationModel
{
    // Residents' committees in built-up areas typically hold about twice the people of a village committee;
    // with no census below district level, committee type is the only size signal the code lists give us.
    private const double ResidentsCommitteeWeight = 2;
    private const double VillageCommitteeWeight = 1;

    public static IReadOnlyDictionary<string, PopulationFigures> Apportion(
        IReadOnlyList<DivisionRecord> tree,
        IReadOnlyDictionary<string, long> known,
        AgeBands cityAges)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(cityAges);

        var divisions = DivisionTree.Build(tree);
        CheckKnownFigures(divisions, known);

        var cityCode = divisions.Root.Code;
        var districts = divisions.ChildrenOf(cityCode);
        long cityTotal;
        if (known.TryGetValue(cityCode, out var knownCityTotal))
        {
            cityTotal = knownCityTotal;
        }
        else if (districts.Count > 0 && districts.All(d => known.ContainsKey(d.Code)))
        {
            cityTotal = districts.Sum(d => known[d.Code]);
        }
        else
        {
            // Not enough census data to anchor the tree; inventing a city total would be worse than nothing.
            return new Dictionary<string, PopulationFigures>();
        }

        if (cityAges.Age0To14 < 0 || cityAges.Age15To64 < 0 || cityAges.Age65Plus < 0 || cityAges.Total != cityTotal)
        {
            throw new ArgumentException(
                $"City age bands ({cityAges.Age0To14} + {cityAges.Age15To64} + {cityAges.Age65Plus}) must be non-negative and sum to the city total {cityTotal}.",
                nameof(cityAges));
        }

        var weights = Weights(divisions);
        var totals = new Dictionary<string, long> { [cityCode] = cityTotal };
        ApportionDistricts(divisions, known, weights, totals);
        foreach (var district in districts)
        {
            ApportionBelow(divisions, district.Code, weights, totals);
        }

        var result = new Dictionary<string, PopulationFigures>(divisions.Count);
        AssignAges(divisions, cityCode, cityAges, totals, result);
        return result;
    }

    public static AgeBands BandsFromShares(long total, double share0To14, double share15To64, double share65Plus)
    {
        var bands = Apportionment.LargestRemainder(total, [share0To14, share15To64, share65Plus]);
        return new AgeBands(bands[0], bands[1], bands[2]);
    }

    private static void CheckKnownFigures(DivisionTree divisions, IReadOnlyDictionary<string, long> known)
    {
        foreach (var (code, population) in known)
        {
            // Codes outside the tree are ignored so a province- or nation-wide census table can be passed as is.
            if (!divisions.TryGet(code, out var division))
            {
                continue;
            }

            if (division.Level > DivisionLevel.District)
            {
                throw new ArgumentException(
                    $"Known populations are taken for the city and its districts only; '{code}' is a {division.Level}.",
                    nameof(known));
            }

            if (population < 0)
            {
                throw new ArgumentException($"Known population of '{code}' is negative ({population}).", nameof(known));
            }
        }
    }

    private static Dictionary<string, double> Weights(DivisionTree divisions)
    {
        var weights = new Dictionary<string, double>(divisions.Count);
        foreach (var district in divisions.ChildrenOf(divisions.Root.Code))
        {
            var districtWeight = 0.0;
            foreach (var street in divisions.ChildrenOf(district.Code))
            {
                var streetWeight = 0.0;
                foreach (var committee in divisions.ChildrenOf(street.Code))
                {
                    var committeeWeight = DivisionCodes.IsResidentsCommittee(committee.Code)
                        ? ResidentsCommitteeWeight
                        : VillageCommitteeWeight;
                    weights[committee.Code] = committeeWeight;
                    streetWeight += committeeWeight;
                }

                // A street with no committee rows still has residents.
                streetWeight = Math.Max(streetWeight, 1);
                weights[street.Code] = streetWeight;
                districtWeight += streetWeight;
            }

            // Likewise a district listed without streets: otherwise it would be apportioned nobody.
            weights[district.Code] = Math.Max(districtWeight, 1);
        }

        return weights;
    }

    private static void ApportionDistricts(
        DivisionTree divisions,
        IReadOnlyDictionary<string, long> known,
        Dictionary<string, double> weights,
        Dictionary<string, long> totals)
    {
        var cityCode = divisions.Root.Code;
        var cityTotal = totals[cityCode];
        var districts = divisions.ChildrenOf(cityCode);
        var unknown = new List<DivisionRecord>();
        var knownSum = 0L;
        foreach (var district in districts)
        {
            if (known.TryGetValue(district.Code, out var population))
            {
                totals[district.Code] = population;
                knownSum += population;
            }
            else
            {
                unknown.Add(district);
            }
        }

        if (unknown.Count == 0)
        {
            if (districts.Count > 0 && knownSum != cityTotal)
            {
                throw new ArgumentException(
                    $"Known district populations sum to {knownSum}, but the city '{cityCode}' total is {cityTotal}.",
                    nameof(known));
            }

            return;
        }

        if (knownSum > cityTotal)
        {
            throw new ArgumentException(
                $"Known district populations sum to {knownSum}, more than the city '{cityCode}' total of {cityTotal}.",
                nameof(known));
        }

        var shares = Apportionment.LargestRemainder(cityTotal - knownSum, unknown.Select(d => weights[d.Code]).ToArray());
        for (var i = 0; i < unknown.Count; i++)
        {
            totals[unknown[i].Code] = shares[i];
        }
    }

    private static void ApportionBelow(DivisionTree divisions, string parentCode, Dictionary<string, double> weights, Dictionary<string, long> totals)
    {
        var children = divisions.ChildrenOf(parentCode);
        if (children.Count == 0)
        {
            return;
        }

        var shares = Apportionment.LargestRemainder(totals[parentCode], children.Select(c => weights[c.Code]).ToArray());
        for (var i = 0; i < children.Count; i++)
        {
            totals[children[i].Code] = shares[i];
            ApportionBelow(divisions, children[i].Code, weights, totals);
        }
    }

    // Children's 0-14 and 65+ bands are shares of the parent's bands in proportion to the children's
    // totals, and 15-64 is whatever remains of each child's total. Column sums are then exact by
    // construction (the two apportioned bands sum to the parent's, so the remainders sum to the parent's
    // 15-64). Rounding could still hand a small child more 0-14 plus 65+ than it has people, so each
    // child's 0-14 is capped at its total and its 65+ at what 0-14 left; units a capped child cannot take
    // go to the next child in largest-remainder order. The caps always have room: together they hold
    // parent total - parent 0-14 >= parent 65+.
    private static void AssignAges(
        DivisionTree divisions,
        string code,
        AgeBands ages,
        Dictionary<string, long> totals,
        Dictionary<string, PopulationFigures> result)
    {
        result[code] = new PopulationFigures(totals[code], ages);
        var children = divisions.ChildrenOf(code);
        if (children.Count == 0)
        {
            return;
        }

        var childTotals = children.Select(c => totals[c.Code]).ToArray();
        var weights = childTotals.Select(t => (double)t).ToArray();
        var young = Apportionment.LargestRemainder(ages.Age0To14, weights, childTotals);
        var roomForOld = childTotals.Select((total, i) => total - young[i]).ToArray();
        var old = Apportionment.LargestRemainder(ages.Age65Plus, weights, roomForOld);
        for (var i = 0; i < children.Count; i++)
        {
            var childAges = new AgeBands(young[i], childTotals[i] - young[i] - old[i], old[i]);
            AssignAges(divisions, children[i].Code, childAges, totals, result);
        }
    }
}

using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

public class PopulationModelTests
{
    // Seventh national census (2020), Shanghai resident population by district, and the city's
    // 0-14 and 65+ counts from the Shanghai census bulletin.
    private const long ShanghaiTotal = 24_870_895;
    private const long Shanghai0To14 = 2_436_296;
    private const long Shanghai65Plus = 4_049_012;

    private static readonly AgeBands ShanghaiAges = new(Shanghai0To14, ShanghaiTotal - Shanghai0To14 - Shanghai65Plus, Shanghai65Plus);

    private static CityTreeBuilder Shanghai() => new CityTreeBuilder("3101", "上海市")
        .WithDistrict("310101", 662_030).WithStreet("310101002", residentsCommittees: 12).WithStreet("310101013", residentsCommittees: 20)
        .WithDistrict("310104", 1_113_078)
        .WithDistrict("310105", 693_051)
        .WithDistrict("310106", 975_707)
        .WithDistrict("310107", 1_239_800)
        .WithDistrict("310109", 757_498)
        .WithDistrict("310110", 1_242_548)
        .WithDistrict("310112", 2_653_489)
        .WithDistrict("310113", 2_235_218)
        .WithDistrict("310114", 1_834_258)
        .WithDistrict("310115", 5_681_512).WithStreet("310115004", residentsCommittees: 30).WithStreet("310115125", residentsCommittees: 8, villageCommittees: 25)
        .WithDistrict("310116", 822_776)
        .WithDistrict("310117", 1_909_713)
        .WithDistrict("310118", 1_271_424)
        .WithDistrict("310120", 1_140_872)
        .WithDistrict("310151", 637_921).WithStreet("310151101", residentsCommittees: 9, villageCommittees: 21);

    [Fact]
    public void Shanghais_sixteen_census_districts_add_up_to_the_census_city_total()
    {
        var shanghai = Shanghai();

        var figures = PopulationModel.Apportion(shanghai.Records, shanghai.Known, ShanghaiAges);

        Assert.Equal(ShanghaiTotal, figures["3101"].Total);
        Assert.Equal(ShanghaiAges, figures["3101"].Ages);
        foreach (var (district, population) in shanghai.Known)
        {
            Assert.Equal(population, figures[district].Total);
        }

        PopulationInvariants.AssertConsistent(shanghai.Records, figures);
    }

    [Fact]
    public void Each_districts_age_bands_are_its_share_of_the_city_bands_within_one_person()
    {
        var shanghai = Shanghai();

        var figures = PopulationModel.Apportion(shanghai.Records, shanghai.Known, ShanghaiAges);

        foreach (var (district, population) in shanghai.Known)
        {
            var ages = figures[district].Ages;
            Assert.InRange(ages.Age0To14, Math.Floor(Shanghai0To14 * (double)population / ShanghaiTotal), Math.Ceiling(Shanghai0To14 * (double)population / ShanghaiTotal));
            Assert.InRange(ages.Age65Plus, Math.Floor(Shanghai65Plus * (double)population / ShanghaiTotal), Math.Ceiling(Shanghai65Plus * (double)population / ShanghaiTotal));
        }
    }

    [Fact]
    public void Known_districts_that_miss_the_known_city_total_are_refused()
    {
        var shanghai = Shanghai().WithCityPopulation(ShanghaiTotal + 1);

        var error = Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(shanghai.Records, shanghai.Known, ShanghaiAges with { Age15To64 = ShanghaiAges.Age15To64 + 1 }));

        Assert.Contains("24870895", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_districts_that_match_the_known_city_total_are_accepted()
    {
        var shanghai = Shanghai().WithCityPopulation(ShanghaiTotal);

        var figures = PopulationModel.Apportion(shanghai.Records, shanghai.Known, ShanghaiAges);

        Assert.Equal(ShanghaiTotal, figures["3101"].Total);
    }

    // Weights: residents' committee 2, village committee 1, street = sum (at least 1), district = sum.
    // A: one street, 3 residents' committees → 6.  B: one street, 2 villages → 2.
    // C: an empty street (1) and a street with one residents' committee (2) → 3.  Total weight 11.
    private static CityTreeBuilder ThreeDistricts() => new CityTreeBuilder("4207", "鄂州市")
        .WithDistrict("420702").WithStreet("420702001", residentsCommittees: 3)
        .WithDistrict("420703").WithStreet("420703100", villageCommittees: 2)
        .WithDistrict("420704").WithStreet("420704001").WithStreet("420704002", residentsCommittees: 1);

    [Fact]
    public void A_known_city_total_is_spread_by_committee_weights_down_to_each_committee()
    {
        var city = ThreeDistricts().WithCityPopulation(1_100);

        var figures = PopulationModel.Apportion(city.Records, city.Known, new AgeBands(110, 880, 110));

        var expected = new Dictionary<string, long>
        {
            ["4207"] = 1_100,
            ["420702"] = 600, ["420702001"] = 600, ["420702001001"] = 200, ["420702001002"] = 200, ["420702001003"] = 200,
            ["420703"] = 200, ["420703100"] = 200, ["420703100201"] = 100, ["420703100202"] = 100,
            ["420704"] = 300, ["420704001"] = 100, ["420704002"] = 300 - 100, ["420704002001"] = 200,
        };
        Assert.Equal(expected, figures.ToDictionary(f => f.Key, f => f.Value.Total));
        PopulationInvariants.AssertConsistent(city.Records, figures);
    }

    [Fact]
    public void Unknown_districts_share_what_the_known_ones_leave_of_the_city_total()
    {
        var city = ThreeDistricts().WithCityPopulation(1_000);
        var known = new Dictionary<string, long>(city.Known) { ["420702"] = 400 };

        var figures = PopulationModel.Apportion(city.Records, known, new AgeBands(100, 800, 100));

        Assert.Equal(400, figures["420702"].Total);
        Assert.Equal(240, figures["420703"].Total); // 600 × 2/5
        Assert.Equal(360, figures["420704"].Total); // 600 × 3/5
    }

    [Fact]
    public void Known_districts_larger_than_the_city_are_refused()
    {
        var city = ThreeDistricts().WithCityPopulation(1_000);
        var known = new Dictionary<string, long>(city.Known) { ["420702"] = 1_001 };

        Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(city.Records, known, new AgeBands(100, 800, 100)));
    }

    [Fact]
    public void Without_a_city_total_or_every_district_there_is_nothing_to_anchor_on()
    {
        var city = ThreeDistricts().WithDistrictPopulations(("420702", 400), ("420703", 300));

        var figures = PopulationModel.Apportion(city.Records, city.Known, new AgeBands(0, 0, 0));

        Assert.Empty(figures);
    }

    [Fact]
    public void City_age_bands_must_add_up_to_the_city_total()
    {
        var city = ThreeDistricts().WithCityPopulation(1_000);

        var error = Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(city.Records, city.Known, new AgeBands(100, 800, 99)));

        Assert.Equal("cityAges", error.ParamName);
    }

    [Fact]
    public void A_negative_city_age_band_is_refused_even_when_the_sum_is_right()
    {
        var city = ThreeDistricts().WithCityPopulation(1_000);

        Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(city.Records, city.Known, new AgeBands(-5, 900, 105)));
    }

    [Fact]
    public void Known_figures_below_district_level_are_refused()
    {
        var city = ThreeDistricts().WithCityPopulation(1_000);
        var known = new Dictionary<string, long>(city.Known) { ["420702001"] = 10 };

        Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(city.Records, known, new AgeBands(100, 800, 100)));
    }

    [Fact]
    public void Negative_known_figures_are_refused()
    {
        var city = ThreeDistricts().WithCityPopulation(1_000);
        var known = new Dictionary<string, long>(city.Known) { ["420702"] = -1 };

        Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(city.Records, known, new AgeBands(100, 800, 100)));
    }

    [Fact]
    public void Figures_for_divisions_outside_the_tree_are_ignored()
    {
        var city = ThreeDistricts().WithCityPopulation(1_100);
        var known = new Dictionary<string, long>(city.Known) { ["310115"] = 5_681_512, ["3101"] = ShanghaiTotal };

        var figures = PopulationModel.Apportion(city.Records, known, new AgeBands(110, 880, 110));

        Assert.Equal(1_100, figures["4207"].Total);
        Assert.False(figures.ContainsKey("310115"));
    }

    // Three people, one per band, three districts of one person each. Shared naively, the first district
    // (lowest index wins ties) would get both the child and the elderly person: 1 + 1 > 1, leaving -1 aged
    // 15-64. The cap moves the elderly person on to the next district instead.
    [Fact]
    public void Rounding_never_gives_a_division_more_children_and_elderly_than_people()
    {
        var city = new CityTreeBuilder("4207", "鄂州市")
            .WithCityPopulation(3)
            .WithDistrict("420702").WithStreet("420702001", residentsCommittees: 1)
            .WithDistrict("420703").WithStreet("420703001", residentsCommittees: 1)
            .WithDistrict("420704").WithStreet("420704001", residentsCommittees: 1);

        var figures = PopulationModel.Apportion(city.Records, city.Known, new AgeBands(1, 1, 1));

        Assert.Equal(new AgeBands(1, 0, 0), figures["420702"].Ages);
        Assert.Equal(new AgeBands(0, 0, 1), figures["420703"].Ages);
        Assert.Equal(new AgeBands(0, 1, 0), figures["420704"].Ages);
        PopulationInvariants.AssertConsistent(city.Records, figures);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2020)]
    public void Every_node_of_a_generated_city_adds_up_in_every_band(int seed)
    {
        var (city, ages) = GeneratedCity(seed);

        var figures = PopulationModel.Apportion(city.Records, city.Known, ages);

        PopulationInvariants.AssertConsistent(city.Records, figures);
    }

    [Fact]
    public void Tiny_populations_spread_over_many_committees_still_add_up_without_negatives()
    {
        var city = new CityTreeBuilder("4207", "鄂州市").WithCityPopulation(7)
            .WithDistrict("420702").WithStreet("420702001", residentsCommittees: 9, villageCommittees: 4).WithStreet("420702002")
            .WithDistrict("420703").WithStreet("420703001", villageCommittees: 11);

        var figures = PopulationModel.Apportion(city.Records, city.Known, new AgeBands(3, 1, 3));

        PopulationInvariants.AssertConsistent(city.Records, figures);
    }

    [Fact]
    public void The_same_input_gives_the_same_figures_whatever_order_the_records_come_in()
    {
        var (city, ages) = GeneratedCity(7);
        var random = new Random(99);
        var shuffled = city.Records.OrderBy(_ => random.Next()).ToList();

        var first = PopulationModel.Apportion(city.Records, city.Known, ages);
        var second = PopulationModel.Apportion(city.Records, city.Known, ages);
        var fromShuffled = PopulationModel.Apportion(shuffled, city.Known, ages);

        Assert.Equal(first, second);
        Assert.Equal(first, fromShuffled);
    }

    [Fact]
    public void A_tree_with_two_cities_is_refused()
    {
        var records = new CityTreeBuilder("4207").WithCityPopulation(10).Records
            .Append(new DivisionRecord("4208", "荆门市", "42", DivisionLevel.City))
            .ToList();

        Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(records, new Dictionary<string, long> { ["4207"] = 10 }, new AgeBands(1, 8, 1)));
    }

    [Fact]
    public void A_record_whose_parent_is_missing_is_refused()
    {
        var records = new CityTreeBuilder("4207").WithDistrict("420702").Records
            .Append(new DivisionRecord("420703001", "孤儿街道", "420703", DivisionLevel.Street))
            .ToList();

        Assert.Throws<ArgumentException>(() => PopulationModel.Apportion(records, new Dictionary<string, long> { ["4207"] = 10 }, new AgeBands(1, 8, 1)));
    }

    [Theory]
    [InlineData(100, 0.2, 0.7, 0.1, 20, 70, 10)]
    [InlineData(10, 1, 1, 1, 4, 3, 3)]
    [InlineData(7, 0, 0, 0, 3, 2, 2)]
    [InlineData(0, 0.2, 0.7, 0.1, 0, 0, 0)]
    // Shanghai 2020: the census shares reproduce the census counts.
    [InlineData(ShanghaiTotal, 2_436_296.0 / ShanghaiTotal, 18_385_587.0 / ShanghaiTotal, 4_049_012.0 / ShanghaiTotal, 2_436_296, 18_385_587, 4_049_012)]
    public void Bands_from_shares_sum_to_the_total(long total, double young, double working, double old, long expectedYoung, long expectedWorking, long expectedOld)
    {
        Assert.Equal(new AgeBands(expectedYoung, expectedWorking, expectedOld), PopulationModel.BandsFromShares(total, young, working, old));
    }

    private static (CityTreeBuilder City, AgeBands Ages) GeneratedCity(int seed)
    {
        var random = new Random(seed);
        var city = new CityTreeBuilder("4401", "广州市");
        var districtCount = random.Next(1, 12);
        var knownSum = 0L;
        var allKnown = random.Next(2) == 0;
        for (var d = 1; d <= districtCount; d++)
        {
            var district = $"4401{d:00}";
            long? population = allKnown ? random.Next(0, 2_000_000) : null;
            knownSum += population ?? 0;
            city.WithDistrict(district, population);
            var streets = random.Next(0, 15);
            for (var s = 1; s <= streets; s++)
            {
                city.WithStreet($"{district}{s:000}", random.Next(0, 25), random.Next(0, 25));
            }
        }

        var total = allKnown ? knownSum : random.Next(0, 20_000_000);
        if (!allKnown)
        {
            city.WithCityPopulation(total);
        }

        var young = (long)(total * random.NextDouble() * 0.3);
        var old = (long)((total - young) * random.NextDouble() * 0.4);
        return (city, new AgeBands(young, total - young - old, old));
    }
}

using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

// Builds the flat record list ChinaDivisionReader would return, plus the census figures known for it.
internal sealed class CityTreeBuilder
{
    private readonly List<DivisionRecord> _records = [];
    private readonly Dictionary<string, long> _known = [];

    public CityTreeBuilder(string cityCode = "3101", string name = "上海市")
    {
        CityCode = cityCode;
        _records.Add(new DivisionRecord(cityCode, name, cityCode[..2], DivisionLevel.City));
    }

    public string CityCode { get; }

    public IReadOnlyList<DivisionRecord> Records => _records;

    public IReadOnlyDictionary<string, long> Known => _known;

    public CityTreeBuilder WithCityPopulation(long population)
    {
        _known[CityCode] = population;
        return this;
    }

    public CityTreeBuilder WithDistrictPopulations(params (string Code, long Population)[] populations)
    {
        foreach (var (code, population) in populations)
        {
            _known[code] = population;
        }

        return this;
    }

    public CityTreeBuilder WithDistrict(string code, long? population = null)
    {
        _records.Add(new DivisionRecord(code, $"区{code}", CityCode, DivisionLevel.District));
        if (population is { } p)
        {
            _known[code] = p;
        }

        return this;
    }

    // Residents' committees get serials 001, 002, …; village committees 201, 202, …, as in the real codes.
    public CityTreeBuilder WithStreet(string code, int residentsCommittees = 0, int villageCommittees = 0)
    {
        _records.Add(new DivisionRecord(code, $"街道{code}", code[..6], DivisionLevel.Street));
        for (var i = 1; i <= residentsCommittees; i++)
        {
            _records.Add(new DivisionRecord($"{code}{i:000}", "居委会", code, DivisionLevel.Committee));
        }

        for (var i = 1; i <= villageCommittees; i++)
        {
            _records.Add(new DivisionRecord($"{code}{200 + i:000}", "村委会", code, DivisionLevel.Committee));
        }

        return this;
    }
}

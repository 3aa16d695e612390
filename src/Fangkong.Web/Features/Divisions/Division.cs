using Fangkong.Core.Divisions;

namespace Fangkong.Web.Features.Divisions;

// Administrative divisions are public reference data (GB/T 2260): every signed-in user may browse the
// tree and its census figures. What hangs under a division (facilities, people) is scoped separately.
public sealed class Division
{
    private Division() { }

    public Division(string code, string name, string? parentCode, DivisionLevel level, string cityCode)
    {
        Code = code;
        Name = name;
        ParentCode = parentCode;
        Level = level;
        CityCode = cityCode;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? ParentCode { get; private set; }
    public DivisionLevel Level { get; private set; }
    public string CityCode { get; private set; } = "";
    public long? Population { get; private set; }
    public long? Age0To14 { get; private set; }
    public long? Age15To64 { get; private set; }
    public long? Age65Plus { get; private set; }
    // True where the figure is a published census value, false where it was apportioned from a parent.
    public bool PopulationIsCensus { get; private set; }

    public void SetPopulation(PopulationFigures figures, bool isCensus)
    {
        Population = figures.Total;
        Age0To14 = figures.Ages.Age0To14;
        Age15To64 = figures.Ages.Age15To64;
        Age65Plus = figures.Ages.Age65Plus;
        PopulationIsCensus = isCensus;
    }
}

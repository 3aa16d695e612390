using Fangkong.Core.Divisions;

namespace Fangkong.Web.Features.Surveillance;

// New infections reported for one division on one day, by severity, how many of them were imported,
// and the day's outcomes. Reports usually come per residents' committee; any level from district
// down is accepted, and a division's curve is the sum of everything reported under it.
public sealed class DailyReport
{
    private DailyReport() { }

    public DailyReport(string divisionCode, DateOnly date, SeverityCounts counts, int imported, int recovered, int died, DateTime nowUtc)
    {
        DivisionCode = divisionCode;
        DistrictCode = DivisionCodes.DistrictOf(divisionCode);
        Date = date;
        Record(counts, imported, recovered, died, nowUtc);
    }

    public string DistrictCode { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public int Asymptomatic { get; private set; }
    public int Mild { get; private set; }
    public int Moderate { get; private set; }
    public int Severe { get; private set; }
    public int Critical { get; private set; }
    public int Imported { get; private set; }
    public int Recovered { get; private set; }
    public int Died { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public int NewInfections => Asymptomatic + Mild + Moderate + Severe + Critical;

    // The enclosing division (district level or below) that already has a report among `reported`,
    // if any: a report for it and one for `code` on the same day would count the same cases twice.
    public static string? EnclosingIn(string code, IReadOnlySet<string> reported)
    {
        for (var parent = DivisionCodes.ParentOf(code); parent is { Length: >= 6 }; parent = DivisionCodes.ParentOf(parent))
            if (reported.Contains(parent)) return parent;
        return null;
    }

    public void Record(SeverityCounts counts, int imported, int recovered, int died, DateTime nowUtc)
    {
        (Asymptomatic, Mild, Moderate, Severe, Critical) = (counts.Asymptomatic, counts.Mild, counts.Moderate, counts.Severe, counts.Critical);
        Imported = imported;
        Recovered = recovered;
        Died = died;
        UpdatedAt = nowUtc;
    }
}

public readonly record struct SeverityCounts(int Asymptomatic, int Mild, int Moderate, int Severe, int Critical)
{
    public int Total => Asymptomatic + Mild + Moderate + Severe + Critical;
}

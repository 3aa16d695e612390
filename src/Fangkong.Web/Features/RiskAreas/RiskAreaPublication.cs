using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.RiskAreas;

public sealed record PublishedArea(string DistrictName, string? StreetName, string CommitteeName, string DivisionCode, string Level, string LevelName, string Colour, DateOnly Since);

public sealed record PublishedList(DateOnly Day, string RuleSet, IReadOnlyList<PublishedArea> Areas);

// The list the city publishes: every area above the default level with the date it began. It is public
// information, read with system scope; it carries names of places, never of people.
public sealed class RiskAreaPublication(FangkongDb db, JurisdictionContext jurisdiction, AreaRiskService risk)
{
    public async Task<PublishedList> ListAsync(CancellationToken ct)
    {
        var previous = jurisdiction.Current;
        jurisdiction.Current = Jurisdiction.System;
        try
        {
            var record = await risk.RulesInForceAsync(risk.Today, ct);
            var rules = record.Rules;
            var raised = rules.Levels.Select(l => l.Code).ToList();
            var rows = await db.AreaRiskLevels.AsNoTracking().Where(l => l.Until == null && raised.Contains(l.Level)).ToListAsync(ct);
            var views = await risk.CurrentViewsAsync(rows, rules, ct);
            return new PublishedList(risk.Today, rules.Name, views
                .OrderBy(v => Epidemiology.AreaRisk.AreaRiskClassifier.Rank(rules, v.Level)).ThenBy(v => v.DivisionCode)
                .Select(v => new PublishedArea(v.DistrictName ?? v.DivisionCode[..6], v.StreetName, v.Name ?? v.DivisionCode, v.DivisionCode, v.Level, v.LevelName, v.Colour, v.From))
                .ToList());
        }
        finally
        {
            jurisdiction.Current = previous;
        }
    }
}

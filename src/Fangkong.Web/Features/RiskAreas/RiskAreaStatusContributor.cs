using Fangkong.Epidemiology.AreaRisk;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.RiskAreas;

// Living in an area at the rule set's most restrictive level (封控区, 高风险) makes a person yellow.
public sealed class RiskAreaStatusContributor(FangkongDb db) : IHealthStatusContributor
{
    public async Task<IReadOnlyList<HealthStatusReason>> ReasonsAsync(Guid personId, CancellationToken ct)
    {
        HealthStatusScope.EnsureSystem(db);
        var residence = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.DivisionCode).FirstOrDefaultAsync(ct);
        if (residence is null) return [];
        var level = await db.AreaRiskLevels.AsNoTracking().Where(l => l.DivisionCode == residence && l.Until == null).FirstOrDefaultAsync(ct);
        if (level is null) return [];
        var record = await db.AreaRiskRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Version == level.RuleVersion, ct);
        if (record is null) return [];
        var rules = record.Rules;
        if (AreaRiskClassifier.Rank(rules, level.Level) != 0 || rules.Levels.Count == 0) return [];
        var top = rules.Levels[0];
        var since = Platform.Localization.ChinaTime.ToUtc(level.From.ToDateTime(TimeOnly.MinValue));
        return [new HealthStatusReason(HealthColour.Yellow, "area." + top.Code, $"居住在{top.ZhName}", $"Lives in a {top.EnName.ToLowerInvariant()}", since)];
    }
}

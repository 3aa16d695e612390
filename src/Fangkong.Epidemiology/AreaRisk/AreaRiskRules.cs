namespace Fangkong.Epidemiology.AreaRisk;

// One level of a rule set: it applies to an area with at least `MinCases` cases whose date falls in
// the last `WithinDays` days (the day of computation counts as day 1). Levels are tried from the most
// restrictive; the first that applies wins, and an area none applies to gets the rule set's default.
public sealed record RiskLevelRule(string Code, string ZhName, string EnName, string Colour, int WithinDays, int MinCases);

public sealed record AreaRiskRuleSet(string Name, int Version, IReadOnlyList<RiskLevelRule> Levels, string DefaultCode, string DefaultZhName,
    string DefaultEnName, string DefaultColour)
{
    // Shanghai, spring 2022: 封控区 a positive case within 7 days; 管控区 none within 7 but some within 14;
    // 防范区 none within 14 days.
    public static AreaRiskRuleSet Shanghai2022 { get; } = new("上海 2022 三区划分 / Shanghai 2022 three zones", 1,
        [
            new("Sealed", "封控区", "Sealed zone", "#c0392b", 7, 1),
            new("Controlled", "管控区", "Controlled zone", "#e67e22", 14, 1),
        ], "Precaution", "防范区", "Precaution zone", "#27ae60");

    // The national high/medium/low scheme as committees applied it (cases in 14 days: 10+ high, 1+ medium).
    public static AreaRiskRuleSet NationalRisk { get; } = new("全国高中低风险 / National high-medium-low", 1,
        [
            new("High", "高风险", "High risk", "#c0392b", 14, 10),
            new("Medium", "中风险", "Medium risk", "#e67e22", 14, 1),
        ], "Low", "低风险", "Low risk", "#27ae60");

    // Problems in a rule set an administrator wrote; empty when it can be used.
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("name: required");
        if (Levels.Count == 0) problems.Add("levels: at least one level");
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { DefaultCode };
        foreach (var (level, i) in Levels.Select((l, i) => (l, i)))
        {
            if (string.IsNullOrWhiteSpace(level.Code) || level.Code.Length > 20) problems.Add($"levels[{i}].code: 1 to 20 characters");
            else if (!codes.Add(level.Code)) problems.Add($"levels[{i}].code: duplicate '{level.Code}'");
            if (level.WithinDays is < 1 or > 60) problems.Add($"levels[{i}].withinDays: 1 to 60");
            if (level.MinCases is < 1 or > 100_000) problems.Add($"levels[{i}].minCases: at least 1");
            if (string.IsNullOrWhiteSpace(level.ZhName)) problems.Add($"levels[{i}].zhName: required");
        }
        if (string.IsNullOrWhiteSpace(DefaultCode)) problems.Add("defaultCode: required");
        return problems;
    }
}

public static class AreaRiskClassifier
{
    // `caseDays`: how many days ago each of the area's cases was dated (0 = today). Pure: the same
    // inputs give the same level, so a day's computation can be re-run and audited.
    public static string Classify(AreaRiskRuleSet rules, IReadOnlyCollection<int> caseDaysAgo)
    {
        foreach (var level in rules.Levels)
            if (caseDaysAgo.Count(d => d >= 0 && d < level.WithinDays) >= level.MinCases) return level.Code;
        return rules.DefaultCode;
    }

    // The rank of a level: 0 is the most restrictive; the default ranks last.
    public static int Rank(AreaRiskRuleSet rules, string code)
    {
        for (var i = 0; i < rules.Levels.Count; i++)
            if (string.Equals(rules.Levels[i].Code, code, StringComparison.OrdinalIgnoreCase)) return i;
        return rules.Levels.Count;
    }
}

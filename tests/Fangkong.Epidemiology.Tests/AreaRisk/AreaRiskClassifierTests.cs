using Fangkong.Epidemiology.AreaRisk;

namespace Fangkong.Epidemiology.Tests.AreaRisk;

public class AreaRiskClassifierTests
{
    private static readonly AreaRiskRuleSet Shanghai = AreaRiskRuleSet.Shanghai2022;

    // The 2022 definitions, at their boundaries: a case today or 6 days ago seals; 7 to 13 days ago
    // controls; 14 days ago or none is precaution.
    [Theory]
    [InlineData(new int[0], "Precaution")]
    [InlineData(new[] { 0 }, "Sealed")]
    [InlineData(new[] { 6 }, "Sealed")]
    [InlineData(new[] { 7 }, "Controlled")]
    [InlineData(new[] { 13 }, "Controlled")]
    [InlineData(new[] { 14 }, "Precaution")]
    [InlineData(new[] { 30, 13, 9 }, "Controlled")]
    [InlineData(new[] { 30, 13, 2 }, "Sealed")]
    public void Shanghai_2022_zones_follow_the_days_since_the_last_case(int[] daysAgo, string expected) =>
        Assert.Equal(expected, AreaRiskClassifier.Classify(Shanghai, daysAgo));

    [Fact]
    public void National_scheme_needs_ten_cases_in_fourteen_days_for_high_risk()
    {
        var rules = AreaRiskRuleSet.NationalRisk;
        Assert.Equal("Medium", AreaRiskClassifier.Classify(rules, Enumerable.Repeat(3, 9).ToArray()));
        Assert.Equal("High", AreaRiskClassifier.Classify(rules, Enumerable.Repeat(3, 10).ToArray()));
        Assert.Equal("Medium", AreaRiskClassifier.Classify(rules, [.. Enumerable.Repeat(14, 20), 13]));
        Assert.Equal("Low", AreaRiskClassifier.Classify(rules, Enumerable.Repeat(14, 20).ToArray()));
    }

    [Fact]
    public void Future_dated_cases_do_not_count() =>
        Assert.Equal("Precaution", AreaRiskClassifier.Classify(Shanghai, [-1]));

    [Fact]
    public void A_rule_set_with_duplicate_codes_or_impossible_windows_is_refused()
    {
        var bad = Shanghai with { Levels = [new("Sealed", "封控区", "Sealed", "#c00", 0, 1), new("Sealed", "x", "x", "#c00", 7, 0)] };
        var problems = bad.Problems();
        Assert.Contains(problems, p => p.StartsWith("levels[0].withinDays"));
        Assert.Contains(problems, p => p.StartsWith("levels[1].code"));
        Assert.Contains(problems, p => p.StartsWith("levels[1].minCases"));
        Assert.Empty(Shanghai.Problems());
        Assert.Empty(AreaRiskRuleSet.NationalRisk.Problems());
    }

    [Fact]
    public void Ranks_put_the_default_last() =>
        Assert.Equal([0, 1, 2], new[] { "Sealed", "Controlled", "Precaution" }.Select(c => AreaRiskClassifier.Rank(Shanghai, c)));
}

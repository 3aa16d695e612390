namespace Fangkong.Web.Features.Community.KeyPopulations;

// The conditions the register knows, in the words community rosters use.
public static class ChronicConditions
{
    public static readonly IReadOnlyDictionary<string, string[]> Labels = new Dictionary<string, string[]>
    {
        ["hypertension"] = ["高血压", "高血壓", "hypertension"],
        ["diabetes"] = ["糖尿病", "diabetes"],
        ["copd"] = ["慢阻肺", "慢性阻塞性肺疾病", "COPD"],
        ["heart"] = ["心脏病", "冠心病", "心臟病", "heart disease"],
        ["cancer"] = ["肿瘤", "癌症", "腫瘤", "cancer"],
        ["dialysis"] = ["透析", "尿毒症", "dialysis"],
        ["other"] = ["其他", "other"],
    };

    public static string? Parse(string text)
    {
        var t = text.Trim();
        return Labels.FirstOrDefault(l => l.Key.Equals(t, StringComparison.OrdinalIgnoreCase)
            || l.Value.Contains(t, StringComparer.OrdinalIgnoreCase)).Key;
    }
}

// Bound from configuration section "KeyPopulations".
public sealed class RiskGradingOptions
{
    // Interval between check-ins by grade (1 low … 4 very high), hours.
    public int[] CheckInHours { get; set; } = [168, 72, 24, 12];
    // Escalation: a check-in below this oxygen saturation (or with a severe symptom) raises a green-channel alert.
    public int SpO2AlertBelow { get; set; } = 93;
    public double FeverAbove { get; set; } = 38.5;
}

// The severity-risk grade (documented so that a community worker can check it by hand):
//   age 80+ 3 points, 65–79 2; each chronic condition 1 (cancer and dialysis 2); pregnancy 1;
//   disability 1; living alone 1; unvaccinated 2, one or two doses 1, three or more 0.
//   Grade 1 (low) 0–1 points, 2 (medium) 2–3, 3 (high) 4–5, 4 (very high) 6 or more.
// The weights follow the 2022 national guidance that age and missing vaccination dominate the risk
// of severe disease, then chronic disease; living alone matters for follow-up, not for disease.
public static class RiskGrading
{
    public static int Points(int age, KeyResidentFacts f) =>
        (age >= 80 ? 3 : age >= 65 ? 2 : 0)
        + f.Conditions.Sum(c => c is "cancer" or "dialysis" ? 2 : 1)
        + (f.Pregnant ? 1 : 0) + (f.Disabled ? 1 : 0) + (f.LivingAlone ? 1 : 0)
        + (f.VaccineDoses <= 0 ? 2 : f.VaccineDoses < 3 ? 1 : 0);

    public static int Grade(int points) => points switch
    {
        <= 1 => 1,
        <= 3 => 2,
        <= 5 => 3,
        _ => 4,
    };

    public static int Age(DateOnly birth, DateOnly today) =>
        today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);
}

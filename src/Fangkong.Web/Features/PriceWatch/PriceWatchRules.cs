namespace Fangkong.Web.Features.PriceWatch;

// The three rules, as pure functions of numbers, so each reads as its name and is tested on its own.
public static class PriceWatchRules
{
    // Price gouging: strictly above reference × (1 + margin). No reference price, no rule.
    public static bool PriceAboveReferenceBeyondMargin(decimal unitPrice, decimal? referencePrice, decimal margin, out decimal limit)
    {
        limit = referencePrice is { } reference ? decimal.Round(reference * (1 + margin), 2) : 0;
        return referencePrice is not null && unitPrice > limit;
    }

    // Hoarding: courses taken by one buyer within the window, across pharmacies, above the limit.
    public static decimal Courses(long units, int unitsPerCourse) => decimal.Round((decimal)units / Math.Max(1, unitsPerCourse), 2);

    public static bool BuyerTakesMoreCoursesThanAllowed(decimal coursesInWindow, decimal maxCourses) => coursesInWindow > maxCourses;

    // Sales jump: a day's units above factor × the trailing daily mean and at least the minimum, and
    // only against some history (a new pharmacy's first busy day is not a jump).
    public static decimal TrailingDailyMean(long unitsInTrailingWindow, int days) => decimal.Round((decimal)unitsInTrailingWindow / Math.Max(1, days), 2);

    public static bool DaySalesJumpAgainstHistory(long dayUnits, long unitsInTrailingWindow, int historyDays, decimal factor, long minimumUnits) =>
        unitsInTrailingWindow > 0 && dayUnits >= minimumUnits && dayUnits > factor * unitsInTrailingWindow / Math.Max(1, historyDays);
}

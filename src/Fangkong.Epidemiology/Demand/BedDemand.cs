namespace Fangkong.Epidemiology.Demand;

// Beds occupied each day from daily admissions and a fixed length of stay, the way CHIME counts its
// census: a patient admitted on day d occupies a bed on days d .. d+LOS-1. Patients already in beds
// on day 0 leave evenly over the first LOS days.
public static class BedDemand
{
    public static double[] Census(IReadOnlyList<double> admissions, int lengthOfStay, double occupiedAtStart = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthOfStay, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(occupiedAtStart);
        var census = new double[admissions.Count];
        double running = 0;
        for (var day = 0; day < admissions.Count; day++)
        {
            if (admissions[day] < 0 || !double.IsFinite(admissions[day]))
                throw new ArgumentOutOfRangeException(nameof(admissions), admissions[day], $"Admissions on day {day} must be finite and >= 0.");
            running += admissions[day];
            if (day >= lengthOfStay) running -= admissions[day - lengthOfStay];
            var carried = occupiedAtStart * Math.Max(0, lengthOfStay - day - 1) / lengthOfStay;
            census[day] = running + carried;
        }
        return census;
    }

    // The first day (0-based) on which demand exceeds capacity, or null when it never does.
    public static int? FirstShortfall(IReadOnlyList<double> census, double capacity)
    {
        for (var day = 0; day < census.Count; day++)
            if (census[day] > capacity) return day;
        return null;
    }
}

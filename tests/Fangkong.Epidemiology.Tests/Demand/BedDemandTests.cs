using Fangkong.Epidemiology.Demand;

namespace Fangkong.Epidemiology.Tests.Demand;

public sealed class BedDemandTests
{
    [Fact]
    public void Constant_admissions_fill_length_of_stay_times_admissions_beds()
    {
        var census = BedDemand.Census(Enumerable.Repeat(10.0, 30).ToList(), lengthOfStay: 7);
        Assert.Equal(10, census[0]);
        Assert.Equal(70, census[6]);
        Assert.All(census.Skip(6), c => Assert.Equal(70, c));
    }

    [Fact]
    public void A_single_admission_occupies_a_bed_for_exactly_the_length_of_stay()
    {
        var admissions = new double[20];
        admissions[3] = 1;
        var census = BedDemand.Census(admissions, lengthOfStay: 5);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1, 0, 0], census.Take(10));
    }

    [Fact]
    public void Patients_in_beds_at_the_start_leave_evenly_over_one_stay()
    {
        var census = BedDemand.Census(new double[10], lengthOfStay: 4, occupiedAtStart: 40);
        Assert.Equal([30, 20, 10, 0, 0], census.Take(5));
    }

    [Theory]
    [InlineData(69.0, 6)]
    [InlineData(70.0, null)]
    [InlineData(9.0, 0)]
    public void The_first_shortfall_is_the_first_day_demand_exceeds_capacity(double capacity, int? expected)
    {
        var census = BedDemand.Census(Enumerable.Repeat(10.0, 30).ToList(), lengthOfStay: 7);
        Assert.Equal(expected, BedDemand.FirstShortfall(census, capacity));
    }
}

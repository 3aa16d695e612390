using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

public class ApportionmentTests
{
    // (total, weights, expected shares), weights and shares as comma-separated lists.
    [Theory]
    [InlineData(10, "1,1,1", "4,3,3")]            // equal remainders: the lowest index gets the extra unit
    [InlineData(100, "0.5,0.3,0.2", "50,30,20")]  // exact quotas need no rounding
    [InlineData(7, "1,0,0", "7,0,0")]
    [InlineData(1, "1,1", "1,0")]
    [InlineData(0, "3,1", "0,0")]
    [InlineData(5, "0,0", "3,2")]                 // all weights zero: shared equally
    [InlineData(2, "0,0,0", "1,1,0")]
    [InlineData(9, "2,1", "6,3")]
    [InlineData(10, "2,1", "7,3")]                // quotas 6.67 and 3.33: the larger remainder wins
    public void Shares_follow_the_largest_remainders(long total, string weights, string expected)
    {
        Assert.Equal(Longs(expected), Apportionment.LargestRemainder(total, Doubles(weights)));
    }

    // Wikipedia "Largest remainder method", worked example: six parties, 100,000 votes, 10 seats,
    // Hare quota. Quotas 4.70, 1.60, 1.58, 1.20, 0.61, 0.31; the three leftover seats go to the
    // remainders .70, .61 and .60.
    [Fact]
    public void Hamiltons_method_reproduces_the_textbook_party_list_example()
    {
        var seats = Apportionment.LargestRemainder(10, [47_000, 16_000, 15_800, 12_000, 6_100, 3_100]);

        Assert.Equal([5, 2, 1, 1, 1, 0], seats);
    }

    // The classic illustration of the Alabama paradox (populations 6, 6, 2): with 10 seats the small
    // state gets 2, with 11 seats only 1. Hamilton's method is known to do this; the test pins down that
    // we implement that method, paradox included, rather than some other divisor method.
    [Theory]
    [InlineData(10, "4,4,2")]
    [InlineData(11, "5,5,1")]
    public void Growing_the_total_can_shrink_a_share_exactly_as_the_Alabama_paradox_says(long seats, string expected)
    {
        Assert.Equal(Longs(expected), Apportionment.LargestRemainder(seats, [6, 6, 2]));
    }

    [Fact]
    public void No_weights_and_nothing_to_share_gives_nothing()
    {
        Assert.Empty(Apportionment.LargestRemainder(0, []));
    }

    [Fact]
    public void Something_to_share_among_no_weights_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Apportionment.LargestRemainder(5, []));
    }

    [Fact]
    public void A_negative_total_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Apportionment.LargestRemainder(-1, [1.0]));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_weight_is_refused(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Apportionment.LargestRemainder(10, [1.0, bad]));
    }

    [Fact]
    public void Random_inputs_always_sum_to_the_total_and_stay_within_quota()
    {
        var random = new Random(20_201_101); // census day, 1 November 2020
        for (var run = 0; run < 2_000; run++)
        {
            var count = random.Next(1, 40);
            var weights = new double[count];
            for (var i = 0; i < count; i++)
            {
                // Some zero weights, some tiny, some huge.
                weights[i] = random.Next(5) == 0 ? 0 : Math.Pow(10, random.NextDouble() * 8 - 3);
            }

            var total = random.NextInt64(0, 30_000_000);

            var shares = Apportionment.LargestRemainder(total, weights);

            Assert.Equal(total, shares.Sum());
            var sum = weights.Sum();
            for (var i = 0; i < count; i++)
            {
                var quota = sum > 0 ? total * weights[i] / sum : (double)total / count;
                Assert.InRange(shares[i], Math.Floor(quota - 1e-6), Math.Ceiling(quota + 1e-6));
            }
        }
    }

    [Fact]
    public void The_same_input_always_gives_the_same_shares()
    {
        double[] weights = [0.1, 0.2, 0.3, 0.1, 0.2, 0.1];

        Assert.Equal(Apportionment.LargestRemainder(1_000_003, weights), Apportionment.LargestRemainder(1_000_003, weights));
    }

    private static long[] Longs(string csv) => csv.Split(',').Select(long.Parse).ToArray();

    private static double[] Doubles(string csv) =>
        csv.Split(',').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}

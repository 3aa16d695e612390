namespace Fangkong.Core.Divisions;

public static class Apportionment
{
    // Hamilton's method (largest remainder): everyone gets the floor of their exact quota, then the units
    // left over go one each to the largest fractional remainders. Equal remainders go to the lower index,
    // so the result depends only on the input. Known to show the Alabama paradox; we want exact sums and
    // proportionality at one moment, not monotonicity across different totals.
    public static long[] LargestRemainder(long total, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Apportion(total, weights, capacities: null);
    }

    // Same method, but no share may exceed its capacity; units a full share cannot take pass on to the next
    // share in remainder order. The caller guarantees the capacities add up to at least the total.
    internal static long[] LargestRemainder(long total, IReadOnlyList<double> weights, IReadOnlyList<long> capacities)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(capacities);
        if (capacities.Count != weights.Count)
        {
            throw new ArgumentException("Need one capacity per weight.", nameof(capacities));
        }

        return Apportion(total, weights, capacities);
    }

    // Quotas are computed in double, which holds every integer exactly only up to 2^53.
    private const long LargestExactTotal = 1L << 53;

    private static long[] Apportion(long total, IReadOnlyList<double> weights, IReadOnlyList<long>? capacities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, LargestExactTotal);
        var n = weights.Count;
        var sumOfWeights = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = weights[i];
            if (!(w >= 0) || double.IsPositiveInfinity(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"Weight {i} must be a finite number ≥ 0.");
            }

            sumOfWeights += w;
        }

        if (n == 0)
        {
            return total == 0 ? [] : throw new ArgumentException($"Cannot share {total} among no one.", nameof(weights));
        }

        var shares = new long[n];
        var remainders = new double[n];
        var given = 0L;
        for (var i = 0; i < n; i++)
        {
            // All-zero weights mean "no information", which we read as equal weights.
            var fraction = sumOfWeights > 0 ? weights[i] / sumOfWeights : 1.0 / n;
            var quota = total * fraction;
            var floor = Math.Floor(quota);
            shares[i] = (long)floor;
            remainders[i] = quota - floor;
            if (capacities is not null && shares[i] > capacities[i])
            {
                shares[i] = Math.Max(capacities[i], 0);
                remainders[i] = 0;
            }

            given += shares[i];
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // Stable on index for equal remainders: sort by (remainder desc, index asc).
        Array.Sort(order, (a, b) =>
        {
            var byRemainder = remainders[b].CompareTo(remainders[a]);
            return byRemainder != 0 ? byRemainder : a.CompareTo(b);
        });

        // Floating point can make the floors overshoot by a unit when quotas sit on integers;
        // take such units back from the smallest remainders first.
        for (var k = n - 1; given > total; k = k == 0 ? n - 1 : k - 1)
        {
            var i = order[k];
            if (shares[i] > 0)
            {
                shares[i]--;
                given--;
            }
        }

        // Normally a single pass hands out every leftover unit. With capacities some shares may be full,
        // so keep cycling in the same order; a pass that places nothing means the capacities are too small.
        while (given < total)
        {
            var placed = false;
            for (var k = 0; k < n && given < total; k++)
            {
                var i = order[k];
                if (capacities is null || shares[i] < capacities[i])
                {
                    shares[i]++;
                    given++;
                    placed = true;
                }
            }

            if (!placed)
            {
                throw new InvalidOperationException($"Capacities cannot hold a total of {total}.");
            }
        }

        return shares;
    }
}

using Fangkong.Web.Features.PriceWatch;
using Fangkong.Web.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Tests.PriceWatch;

public sealed class PriceWatchRulesTests
{
    [Theory]
    [InlineData("22.20", "18.50", false)] // exactly reference + 20 %
    [InlineData("22.21", "18.50", true)]
    [InlineData("0", "18.50", false)]
    [InlineData("999", null, false)] // no reference price, no rule
    public void A_price_is_flagged_only_strictly_above_reference_plus_margin(string price, string? reference, bool flagged) =>
        Assert.Equal(flagged, PriceWatchRules.PriceAboveReferenceBeyondMargin(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture),
            reference is null ? null : decimal.Parse(reference, System.Globalization.CultureInfo.InvariantCulture), 0.20m, out _));

    [Theory]
    [InlineData(3, 1, false)]
    [InlineData(4, 1, true)]
    [InlineData(7, 2, true)]   // 3.5 courses of a two-box course
    [InlineData(6, 2, false)]
    public void Hoarding_counts_courses_not_boxes(long units, int unitsPerCourse, bool flagged) =>
        Assert.Equal(flagged, PriceWatchRules.BuyerTakesMoreCoursesThanAllowed(PriceWatchRules.Courses(units, unitsPerCourse), 3));

    [Theory]
    [InlineData(60, 42, true)]    // mean 3: 60 > 9 and >= 50
    [InlineData(49, 14, false)]   // far above a mean of 1 but under the 50-unit floor
    [InlineData(126, 588, false)] // mean 42: 126 is exactly 3×, not above
    [InlineData(127, 588, true)]
    [InlineData(500, 0, false)]   // no history: a new pharmacy's first busy day is not a jump
    public void A_sales_jump_needs_history_three_times_its_mean_and_fifty_units(long dayUnits, long trailingUnits, bool flagged) =>
        Assert.Equal(flagged, PriceWatchRules.DaySalesJumpAgainstHistory(dayUnits, trailingUnits, 14, 3, 50));

    [Fact]
    public void The_buyer_hash_is_keyed_normalised_and_disabled_in_production_without_a_key()
    {
        const string id = "11010519491231002X";
        var demo = Hasher(null, PlatformMode.Demo);
        var keyed = Hasher(new string('k', 32), PlatformMode.Production);
        Assert.True(demo.Enabled);
        Assert.True(keyed.Enabled);
        Assert.Equal(demo.Hash(id), demo.Hash(id.ToLowerInvariant()));
        Assert.NotEqual(demo.Hash(id), keyed.Hash(id));
        Assert.Matches("^[0-9a-f]{64}$", keyed.Hash(id));
        Assert.False(Hasher(null, PlatformMode.Production).Enabled);
        Assert.False(Hasher("too-short", PlatformMode.Production).Enabled);
    }

    private static BuyerHasher Hasher(string? key, PlatformMode mode) => new(
        Options.Create(new PriceWatchOptions { BuyerHashKey = key }), Options.Create(new PlatformOptions { Mode = mode }), NullLogger<BuyerHasher>.Instance);
}

// The real host in production mode without PriceWatch:BuyerHashKey starts (the rest of the platform
// must stay up) with sales reporting switched off.
public sealed class PriceWatchProductionTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    [Fact]
    public void Production_mode_without_a_buyer_hash_key_starts_with_sales_reporting_disabled()
    {
        app.EnsureAvailable();
        using var client = app.Anonymous();
        Assert.False(app.Services.GetRequiredService<BuyerHasher>().Enabled);
    }
}

using Fangkong.Core.Geography;

namespace Fangkong.Core.Tests;

public sealed class GreatCircleTests
{
    [Fact]
    public void People_s_Square_to_Pudong_airport_matches_the_published_great_circle_distance()
    {
        // People's Square (31.2304 N, 121.4737 E) to Pudong International Airport (31.1443 N, 121.8083 E):
        // about 33.2 km as the crow flies (any great-circle calculator).
        var metres = GreatCircle.Metres(31.2304, 121.4737, 31.1443, 121.8083);
        Assert.InRange(metres, 33_000, 33_400);
        Assert.Equal(Math.Round(metres / 100), GreatCircle.HundredMetres(31.2304, 121.4737, 31.1443, 121.8083));
    }

    [Fact]
    public void A_quarter_of_the_equator_is_a_quarter_of_the_circumference()
    {
        Assert.Equal(Math.PI * GreatCircle.EarthRadiusMetres / 2, GreatCircle.Metres(0, 0, 0, 90), 3);
        Assert.Equal(0, GreatCircle.Metres(31.2, 121.5, 31.2, 121.5));
    }
}

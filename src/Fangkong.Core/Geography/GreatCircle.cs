namespace Fangkong.Core.Geography;

// Distances between facilities for transport costs. Great-circle distance on the mean Earth
// radius: within a city the error against road distance is a roughly constant factor, which does
// not change which plan is cheapest by much and needs no road network on a closed government LAN.
public static class GreatCircle
{
    public const double EarthRadiusMetres = 6_371_008.8;

    public static double Metres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }

    // Whole units of 100 m, so that units × distance stays an exact integer in the optimiser.
    public static long HundredMetres(double latitude1, double longitude1, double latitude2, double longitude2) =>
        (long)Math.Round(Metres(latitude1, longitude1, latitude2, longitude2) / 100.0, MidpointRounding.AwayFromZero);
}

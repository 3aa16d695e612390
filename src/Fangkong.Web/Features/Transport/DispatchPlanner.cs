using Fangkong.Core.Geography;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Treatment;

namespace Fangkong.Web.Features.Transport;

public sealed record VehicleSpot(Guid Id, string CallSign, VehicleKind Kind, int Seats, double Latitude, double Longitude);

public sealed record CallSpot(Guid Id, TransportPriority Priority, Severity Severity, bool HasRisk, int Passengers,
    double Latitude, double Longitude, DateTime CreatedAt, Guid? DestinationFacilityId);

public sealed record BedSpot(Guid FacilityId, Guid WardId, string Name, FacilityKind Kind, BedLevel Level, int Free, double Latitude, double Longitude);

// The dispatch rules, data in and answer out (no database), so the board can rank 500 calls
// against 300 vehicles in memory and the rules can be read in one place.
public static class DispatchPlanner
{
    // One class up per AgingMinutes waited, never above critical (see TransportOptions.AgingMinutes).
    public static int EffectiveClass(TransportPriority priority, DateTime createdAt, DateTime nowUtc, int agingMinutes)
    {
        var waited = Math.Max(0, (nowUtc - createdAt).TotalMinutes);
        var rise = agingMinutes > 0 ? (int)Math.Min(4, Math.Floor(waited / agingMinutes)) : 0;
        return Math.Max(1, (int)priority - rise);
    }

    // Board order: effective class, then the original class, then the longest wait.
    public static List<CallSpot> Order(IEnumerable<CallSpot> calls, DateTime nowUtc, int agingMinutes) =>
        [.. calls.OrderBy(c => EffectiveClass(c.Priority, c.CreatedAt, nowUtc, agingMinutes)).ThenBy(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)];

    // A group goes by a bus with a seat for everyone; one patient by ambulance (critical and severe
    // need one; a bus is never sent for a single patient).
    public static bool Suits(VehicleKind kind, int seats, int passengers) => passengers > 1
        ? kind == VehicleKind.TransferBus && seats >= passengers
        : kind is VehicleKind.NegativePressureAmbulance or VehicleKind.Ambulance;

    public static double TravelMinutes(double fromLatitude, double fromLongitude, double toLatitude, double toLongitude, TransportOptions o) =>
        GreatCircle.Metres(fromLatitude, fromLongitude, toLatitude, toLongitude) * o.RoadFactor / (o.SpeedKmh * 1000 / 60);

    // Travel time plus the preference penalty: critical patients prefer negative pressure, the
    // lower classes leave negative-pressure ambulances to the critical ones.
    public static double Score(VehicleKind kind, TransportPriority priority, double minutes, TransportOptions o) => minutes + (priority, kind) switch
    {
        (TransportPriority.Critical, VehicleKind.Ambulance) => o.PreferencePenaltyMinutes,
        (TransportPriority.KeyPopulation or TransportPriority.Other, VehicleKind.NegativePressureAmbulance) => o.PreferencePenaltyMinutes,
        _ => 0,
    };

    public static (VehicleSpot Vehicle, double Minutes)? BestVehicle(CallSpot call, IReadOnlyList<VehicleSpot> vehicles, TransportOptions o,
        HashSet<Guid>? taken = null)
    {
        VehicleSpot? best = null;
        var bestScore = double.MaxValue;
        var scale = Flat(call.Latitude);
        var minutesPerMetre = o.RoadFactor / (o.SpeedKmh * 1000 / 60);
        foreach (var v in vehicles)
        {
            if (!Suits(v.Kind, v.Seats, call.Passengers) || (taken is not null && taken.Contains(v.Id))) continue;
            var score = Score(v.Kind, call.Priority, FlatMetres(v.Latitude, v.Longitude, call.Latitude, call.Longitude, scale) * minutesPerMetre, o);
            if (score < bestScore || (score == bestScore && best is not null && v.Id.CompareTo(best.Id) < 0))
                (best, bestScore) = (v, score);
        }
        return best is null ? null : (best, TravelMinutes(best.Latitude, best.Longitude, call.Latitude, call.Longitude, o));
    }

    // The nearest ward with room for everyone at a level the patients need (分级收治), when the
    // request has no reserved bed.
    public static BedSpot? BestBed(CallSpot call, IReadOnlyList<BedSpot> beds, Dictionary<Guid, int>? used = null)
    {
        var levels = CareLevels.AllowedLevels(call.Severity, call.HasRisk);
        var scale = Flat(call.Latitude);
        BedSpot? best = null;
        var bestMetres = double.MaxValue;
        foreach (var b in beds)
        {
            var free = b.Free - (used?.GetValueOrDefault(b.WardId) ?? 0);
            if (free < call.Passengers || !levels.Contains(b.Level) || !CareLevels.FacilityTakes(b.Kind, b.Level, call.Severity)) continue;
            var metres = FlatMetres(b.Latitude, b.Longitude, call.Latitude, call.Longitude, scale);
            if (metres < bestMetres) (best, bestMetres) = (b, metres);
        }
        return best;
    }

    // For ranking inside a city the equirectangular projection around the call's latitude is within
    // 0.1 % of the great circle and needs one square root instead of four trigonometric calls per
    // candidate (500 calls x 300 vehicles on every board refresh); the chosen vehicle's minutes are
    // then computed on the great circle.
    private static double Flat(double latitude) => Math.Cos(latitude * Math.PI / 180.0);

    private static double FlatMetres(double latitude1, double longitude1, double latitude2, double longitude2, double cosLatitude)
    {
        var dy = latitude2 - latitude1;
        var dx = (longitude2 - longitude1) * cosLatitude;
        return Math.Sqrt(dx * dx + dy * dy) * (Math.PI / 180.0) * GreatCircle.EarthRadiusMetres;
    }
}

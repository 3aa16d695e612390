using Fangkong.Core.Divisions;

namespace Fangkong.Web.Features.Screening;

// A sampling point (采样点): where a committee's residents queue to be swabbed. Points outlive rounds.
public sealed class SamplingPoint
{
    private SamplingPoint() { }

    public static SamplingPoint Set(Guid id, string code, string name, string committeeCode, double? latitude, double? longitude,
        TimeOnly opens, TimeOnly closes, DateTime nowUtc) => new()
    {
        Id = id,
        Code = code,
        Name = name,
        CommitteeCode = committeeCode,
        DistrictCode = DivisionCodes.DistrictOf(committeeCode),
        Latitude = latitude,
        Longitude = longitude,
        Opens = opens,
        Closes = closes,
        CreatedAt = nowUtc,
        Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    // What the sampling staff write on their sheets and what files name ("P0001").
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string CommitteeCode { get; private set; } = "";
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public TimeOnly Opens { get; private set; }
    public TimeOnly Closes { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public void Reschedule(TimeOnly opens, TimeOnly closes)
    {
        Opens = opens;
        Closes = closes;
        Version++;
    }
}

namespace Fangkong.Web.Features.Treatment;

// Bound from configuration section "Treatment".
public sealed class TreatmentOptions
{
    // Expected length of stay by bed level, for "beds freed tomorrow" and the full-ward warning.
    public int ShelterStayDays { get; set; } = 7;
    public int OrdinaryStayDays { get; set; } = 10;
    public int HighDependencyStayDays { get; set; } = 12;
    public int IcuStayDays { get; set; } = 14;

    public int StayDays(BedLevel level) => level switch
    {
        BedLevel.Shelter => ShelterStayDays,
        BedLevel.Ordinary => OrdinaryStayDays,
        BedLevel.HighDependency => HighDependencyStayDays,
        _ => IcuStayDays,
    };
}

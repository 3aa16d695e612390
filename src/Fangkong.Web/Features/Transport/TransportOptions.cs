namespace Fangkong.Web.Features.Transport;

// Bound from configuration section "Transport".
public sealed class TransportOptions
{
    // Minutes from the call to the vehicle on scene, per priority class.
    public int CriticalTargetMinutes { get; set; } = 15;
    public int SevereTargetMinutes { get; set; } = 30;
    public int KeyPopulationTargetMinutes { get; set; } = 60;
    public int OtherTargetMinutes { get; set; } = 240;

    // Cleaning after every transfer before the vehicle takes the next call.
    public int DisinfectionMinutes { get; set; } = 30;

    // Priority aging: a waiting request rises one class per this many minutes (never above
    // critical), so a mild patient waiting four hours goes before a severe one called just now —
    // nobody waits forever behind a stream of more urgent calls. Ties: the original class, then
    // the longer wait.
    public int AgingMinutes { get; set; } = 60;

    // Travel time = great-circle distance x road factor / speed: city roads in a lockdown.
    public double SpeedKmh { get; set; } = 40;
    public double RoadFactor { get; set; } = 1.3;

    // A critical patient prefers a negative-pressure ambulance: a standard one must be this many
    // minutes closer to be chosen instead. Others leave negative-pressure ambulances free unless
    // one is this much closer.
    public double PreferencePenaltyMinutes { get; set; } = 10;

    // Seats of a transfer bus when grouping placed patients.
    public int BusSeats { get; set; } = 30;

    public int TargetMinutes(TransportPriority priority) => priority switch
    {
        TransportPriority.Critical => CriticalTargetMinutes,
        TransportPriority.Severe => SevereTargetMinutes,
        TransportPriority.KeyPopulation => KeyPopulationTargetMinutes,
        _ => OtherTargetMinutes,
    };
}

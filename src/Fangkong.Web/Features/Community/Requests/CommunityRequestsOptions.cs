namespace Fangkong.Web.Features.Community.Requests;

// Configuration section "CommunityRequests".
public sealed class CommunityRequestsOptions
{
    // Urgent medicine (e.g. a chronic patient out of insulin) must reach the door within this many hours.
    public double UrgentMedicineHours { get; set; } = 4;
    public double UrgentHours { get; set; } = 12;
    public double StandardHours { get; set; } = 48;
    // Submissions through one QR code per 24 hours, whoever sends them.
    public int DailyCapPerCode { get; set; } = 300;
    // Submissions per client address per window (the "resident-request" rate-limit policy).
    public int SubmissionsPerWindow { get; set; } = 5;
    public int WindowMinutes { get; set; } = 10;

    public TimeSpan DueWithin(RequestKind kind, bool urgent) => TimeSpan.FromHours(
        !urgent ? StandardHours : kind is RequestKind.Medicine or RequestKind.MedicalHelp ? UrgentMedicineHours : UrgentHours);
}

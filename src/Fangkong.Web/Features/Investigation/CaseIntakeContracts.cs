namespace Fangkong.Web.Features.Investigation;

// How a person came to be detected (发现途径).
public enum DetectionRoute { Screening, FeverClinic, Quarantine, SelfReport, Other }

// The door through which other modules (mass screening: a positive individual retest; the treatment
// module) report a positive person; the investigation module opens a case (or returns the open one)
// and assigns an investigation.
public interface ICaseIntake
{
    Task<Guid> ReportPositiveAsync(Guid personId, DateTime detectedAtUtc, DetectionRoute route, string? note, CancellationToken ct);
}

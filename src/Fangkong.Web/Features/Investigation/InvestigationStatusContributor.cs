using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

// Cases and contacts colour a person's status: a confirmed or suspected case and a close contact under
// control are red, a fever patient not yet ruled out and a secondary contact yellow. Reasons name the
// category only — never the diagnosis detail or the case.
public sealed class InvestigationStatusContributor(FangkongDb db) : IHealthStatusContributor
{
    public async Task<IReadOnlyList<HealthStatusReason>> ReasonsAsync(Guid personId, CancellationToken ct)
    {
        HealthStatusScope.EnsureSystem(db);
        var reasons = new List<HealthStatusReason>();
        var cases = await db.Cases.AsNoTracking().Where(c => c.PersonId == personId && c.Status == CaseStatus.Active)
            .Select(c => new { c.Category, c.DetectedAt }).ToListAsync(ct);
        foreach (var c in cases)
            reasons.Add(c.Category switch
            {
                CaseCategory.Confirmed => new HealthStatusReason(HealthColour.Red, "case.confirmed", "确诊病例（治疗或隔离中）", "Confirmed case (in treatment or isolation)", c.DetectedAt),
                CaseCategory.Suspected => new HealthStatusReason(HealthColour.Red, "case.suspected", "疑似病例", "Suspected case", c.DetectedAt),
                _ => new HealthStatusReason(HealthColour.Yellow, "case.fever", "发热待排查", "Fever, not yet ruled out", c.DetectedAt),
            });
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.PersonId == personId && (c.Status == ContactStatus.Identified || c.Status == ContactStatus.Quarantined))
            .Select(c => new { c.Kind, c.IdentifiedAt }).ToListAsync(ct);
        foreach (var c in contacts)
            reasons.Add(c.Kind == ContactKind.Close
                ? new HealthStatusReason(HealthColour.Red, "contact.close", "密切接触者（隔离管理中）", "Close contact under quarantine", c.IdentifiedAt)
                : new HealthStatusReason(HealthColour.Yellow, "contact.secondary", "次密切接触者（管理中）", "Secondary contact under management", c.IdentifiedAt));
        return reasons;
    }
}

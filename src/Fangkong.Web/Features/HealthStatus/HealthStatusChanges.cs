using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.HealthStatus;

// Modules report that a person's colour may have changed; outstanding codes that assert another colour
// are revoked and so reach the published revocation list. Only people holding a live code are
// re-evaluated, so a screening round touching millions costs one query per chunk, not a status per person.
public sealed class HealthStatusChanges(FangkongDb db, HealthStatusService status, CurrentUser user, AuditLog audit, TimeProvider clock)
    : IHealthStatusChanges
{
    private const int Chunk = 500;

    public Task PersonChangedAsync(Guid personId, CancellationToken ct) => PeopleChangedAsync([personId], ct);

    public async Task PeopleChangedAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var chunk in personIds.Distinct().Chunk(Chunk))
        {
            // Ignore the caller's scope: a change reported by one district must revoke a code wherever the
            // person lives, and the caller is not shown anything.
            var outstanding = await db.IssuedHealthCodes.IgnoreQueryFilters()
                .Where(c => chunk.Contains(c.PersonId) && c.RevokedAt == null && c.ExpiresAt > now).ToListAsync(ct);
            if (outstanding.Count == 0) continue;
            var revoked = new List<IssuedHealthCode>();
            foreach (var person in outstanding.GroupBy(c => c.PersonId))
            {
                var colour = (await status.EvaluateAsync(person.Key, ct)).Colour;
                foreach (var code in person.Where(c => c.Colour != colour))
                {
                    code.Revoke($"status changed to {colour}", now);
                    revoked.Add(code);
                }
            }
            if (revoked.Count == 0) continue;
            await db.SaveChangesAsync(ct);
            var actor = user.IsAuthenticated ? user.Actor : new AuditActor("system", null, null);
            foreach (var code in revoked)
                await audit.AppendAsync(actor, new AuditEvent("health-code.revoke", AuditOutcome.Success, "person", code.PersonId.ToString(),
                    $"serial={code.Serial}; {code.RevokedReason}"), ct);
        }
    }
}

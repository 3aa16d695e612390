using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.HealthStatus;

// Modules report that a person's colour may have changed (after their own change is committed: the
// contributors read in their own scope); outstanding codes that assert another colour are revoked and
// so reach the published revocation list. Only people holding a live code are re-evaluated, so a
// screening round touching millions costs one query per chunk, not a status per person.
public sealed class HealthStatusChanges(DbContextOptions<FangkongDb> dbOptions, HealthStatusService status, CurrentUser user, AuditLog audit,
    TimeProvider clock) : IHealthStatusChanges
{
    private const int Chunk = 500;
    private const int Attempts = 3;

    public Task PersonChangedAsync(Guid personId, CancellationToken ct) => PeopleChangedAsync([personId], ct);

    public async Task PeopleChangedAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        foreach (var chunk in personIds.Distinct().Chunk(Chunk))
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await RevokeStale(chunk, ct);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < Attempts)
                {
                    // Another report revoked or changed one of these codes meanwhile; read them again.
                }
            }
    }

    private async Task RevokeStale(Guid[] people, CancellationToken ct)
    {
        // A context of its own, with the system's scope: the caller's unsaved changes are not flushed by
        // this save, and a change reported by one district revokes a code wherever the person lives.
        await using var db = new FangkongDb(dbOptions, JurisdictionContext.ForSystem());
        var now = clock.GetUtcNow().UtcDateTime;
        var outstanding = await db.IssuedHealthCodes.Where(c => people.Contains(c.PersonId) && c.RevokedAt == null && c.ExpiresAt > now).ToListAsync(ct);
        if (outstanding.Count == 0) return;
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
        if (revoked.Count == 0) return;
        await db.SaveChangesAsync(ct);
        var actor = user.IsAuthenticated ? user.Actor : new AuditActor("system", null, null);
        foreach (var code in revoked)
            await audit.AppendAsync(actor, new AuditEvent("health-code.revoke", AuditOutcome.Success, "person", code.PersonId.ToString(),
                $"serial={code.Serial}; {code.RevokedReason}"), ct);
    }
}

using Fangkong.Core.Audit;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Platform.Audit;

public static class AuditOutcome
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Denied = "denied";
}

public sealed record AuditEvent(string Action, string Outcome, string? ObjectType = null, string? ObjectId = null, string? Detail = null);

public sealed record AuditActor(string? UserName, string? Role, string? Address);

// Appends to the keyed hash chain and anchors the new head outside the database. Appends are serialised: in-process by a semaphore, across processes by a
// PostgreSQL advisory lock or SQLite's write lock, and the primary key on Sequence turns any race that
// slips through into a retry rather than a fork of the chain.
public sealed class AuditLog(DbContextOptions<FangkongDb> dbOptions, TimeProvider clock, AuditChainKey chain, ILogger<AuditLog> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task AppendAsync(AuditActor actor, AuditEvent e, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Gate.WaitAsync(cancellationToken);
            try
            {
                // Its own context and transaction: an audit row is written even when the audited work fails.
                await using var db = new FangkongDb(dbOptions, JurisdictionContext.ForSystem());
                await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.Database.IsNpgsql())
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20261122)", cancellationToken);
                var last = await db.AuditEntries.OrderByDescending(a => a.Sequence)
                    .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
                if (chain.CheckHead(last?.Sequence ?? 0, last?.Hash) is { } forged)
                {
                    logger.LogCritical("The audit chain was tampered with ({Problem}); refusing to extend it. Run `fangkong audit verify`.", forged);
                    throw new InvalidOperationException($"The audit chain was tampered with: {forged}.");
                }
                var facts = new AuditFacts(
                    (last?.Sequence ?? 0) + 1,
                    AuditHashChain.Normalize(clock.GetUtcNow()),
                    Clip(actor.UserName, 256), Clip(actor.Role, 40), Clip(actor.Address, 64),
                    Clip(e.Action, 60)!, Clip(e.ObjectType, 60), Clip(e.ObjectId, 100), Clip(e.Outcome, 20)!, Clip(e.Detail, 1000));
                var previous = last?.Hash ?? AuditHashChain.Genesis;
                var hash = chain.Compute(previous, facts);
                db.AuditEntries.Add(new AuditEntry(facts, previous, hash, AuditHashChain.Keyed));
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                // After the commit: an anchor never names a row that a failed commit left out.
                chain.Anchor(facts.Sequence, hash);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 5)
            {
                logger.LogWarning(ex, "Audit append raced with another writer; retrying (attempt {Attempt}).", attempt);
            }
            finally
            {
                Gate.Release();
            }
        }
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

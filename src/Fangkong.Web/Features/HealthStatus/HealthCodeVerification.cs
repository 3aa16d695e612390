using Fangkong.HealthCodes;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.HealthStatus;

public sealed record VerifyAnswer(string Outcome, bool Valid, string? Issuer, string? IssuerName, HealthColour? Colour, string? MaskedName, string? IdLast4,
    DateTime? IssuedAt, DateTime? ExpiresAt);

// Everything a checkpoint needs to verify offline: every trusted issuer's key set (this city's first)
// and this city's revocations. Public by design, nothing personal.
public sealed record TrustBundle(long AsOf, IReadOnlyList<KeySet> KeySets, RevocationList Revocations);

// Online verification and the public lists. Revocations of other cities are not known here (each city
// publishes its own list for its own checkpoints); their tokens are checked for signature and time.
public sealed class HealthCodeVerification(FangkongDb db, DbContextOptions<FangkongDb> dbOptions, SigningKeys keys, TimeProvider clock,
    IOptions<HealthStatusOptions> options)
{
    // system scope: the revocation list is public (serials only) and a checkpoint has no jurisdiction; never the caller's context
    // with switching the scope filter off, and nothing but serials leaves these reads.
    private FangkongDb RevocationsDb() => new(dbOptions, Platform.Access.JurisdictionContext.ForSystem());

    private static readonly TimeSpan SyncOverlap = TimeSpan.FromMinutes(1);

    public async Task<VerifyAnswer> VerifyAsync(string? token, CancellationToken ct)
    {
        var trust = new TrustStore().Add(await keys.PublishedAsync(ct));
        foreach (var set in await TrustedKeySetsAsync(ct)) trust.Add(set);
        var result = HealthCodeVerifier.Verify(token, trust, clock.GetUtcNow(), options.Value.ClockSkew);
        // Only a token that passed signature and time is looked up, so a forged serial costs no query.
        // This city knows only its own revocations; other cities' are on their own published lists.
        if (result is { Outcome: VerificationOutcome.Valid, Payload: { } valid } && valid.Issuer == keys.Issuer
            && await IsRevokedAsync(valid.Serial, ct))
            result = result with { Outcome = VerificationOutcome.Revoked };
        var p = result.Payload;
        var issuerName = p is null ? null : trust.Issuer(p.Issuer)?.IssuerName;
        return new VerifyAnswer(result.Outcome.ToString(), result.IsValid, p?.Issuer, issuerName, p is null ? null : (HealthColour)(int)p.Colour,
            p?.MaskedName, p?.IdLast4, p?.IssuedAt.UtcDateTime, p?.ExpiresAt.UtcDateTime);
    }

    public async Task<RevocationList> RevocationsAsync(DateTimeOffset? since, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        await using var revocations = RevocationsDb();
        var query = revocations.IssuedHealthCodes.AsNoTracking().Where(c => c.RevokedAt != null && c.ExpiresAt > nowUtc);
        if (since is { } s)
        {
            var sinceUtc = s.UtcDateTime;
            query = query.Where(c => c.RevokedAt > sinceUtc);
        }
        var serials = await query.OrderBy(c => c.RevokedAt).Select(c => c.Serial).ToListAsync(ct);
        // asOf lags a minute behind: a revocation stamped just before this read but committed just after it
        // is then in the next incremental answer (a serial twice is harmless, a serial missed is not).
        return new RevocationList(keys.Issuer, (now - SyncOverlap).ToUnixTimeSeconds(), since?.ToUnixTimeSeconds(), serials);
    }

    // withRevocations false: a checkpoint that already holds the list refreshes keys and asks for the
    // revocations since its last sync separately.
    public async Task<TrustBundle> BundleAsync(bool withRevocations, CancellationToken ct)
    {
        var sets = new List<KeySet> { await keys.PublishedAsync(ct) };
        sets.AddRange(await TrustedKeySetsAsync(ct));
        var revocations = withRevocations ? await RevocationsAsync(null, ct)
            : new RevocationList(keys.Issuer, clock.GetUtcNow().ToUnixTimeSeconds(), null, []);
        return new TrustBundle(revocations.AsOf, sets, revocations);
    }

    private async Task<IReadOnlyList<KeySet>> TrustedKeySetsAsync(CancellationToken ct)
    {
        var rows = await db.TrustedIssuers.AsNoTracking().OrderBy(t => t.Issuer).Select(t => t.KeySetJson).ToListAsync(ct);
        return rows.Select(json => KeySet.TryParse(json, out var set, out _) ? set : null).OfType<KeySet>().ToList();
    }

    private async Task<bool> IsRevokedAsync(string serial, CancellationToken ct)
    {
        await using var revocations = RevocationsDb();
        return await revocations.IssuedHealthCodes.AnyAsync(c => c.Serial == serial && c.RevokedAt != null, ct);
    }
}

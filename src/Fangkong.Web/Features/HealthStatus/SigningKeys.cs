using System.Security.Cryptography;
using Fangkong.HealthCodes;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.HealthStatus;

// The city's signing keys. Rotation happens on schedule (the first signature after the period rotates)
// or by the security administrator's hand; either way the previous key keeps verifying until its last
// token has expired. Private keys exist in clear only in memory, for one signature.
public sealed class SigningKeys(FangkongDb db, IDataProtectionProvider protection, IOptions<HealthStatusOptions> options,
    IConfiguration config, TimeProvider clock, AuditLog audit, ILogger<SigningKeys> logger)
{
    // One rotation at a time in this process; the key row's version guards against another process.
    private static readonly SemaphoreSlim RotationGate = new(1, 1);
    private readonly IDataProtector protector = protection.CreateProtector("Fangkong.HealthStatus.SigningKey.v1");
    private static readonly AuditActor Platform = new("system", null, null);

    public string Issuer => Issuers.Own(options.Value, config);
    public async Task<string> IssuerNameAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.IssuerName)) return options.Value.IssuerName;
        // The GB/T 2260 name of the city (上海市), as another city's officer would expect to read it.
        var code = Issuer.PadRight(6, '0');
        return await db.Divisions.AsNoTracking().Where(d => d.Code == code || d.Code == Issuer)
            .Select(d => d.Name).FirstOrDefaultAsync(ct) ?? Issuer;
    }

    // Lifetime plus the skew a checkpoint grants: how long a key must stay published after it stops signing.
    private TimeSpan LongestTokenLife => options.Value.TokenLifetime + options.Value.ClockSkew;

    public async Task<(HealthSigningKey Key, ECDsa Private)> ForSigningAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await CurrentAsync(ct);
        if (current is not null && now - current.CreatedAt < options.Value.KeyRotation && TryUnprotect(current, out var ready))
            return (current, ready);
        var reason = current is null ? "first key" : now - current.CreatedAt >= options.Value.KeyRotation ? "rotation period" : "private key unreadable";
        var rotated = await RotateAsync(Platform, reason, current?.KeyId, ct);
        if (!TryUnprotect(rotated, out var fresh)) throw new InvalidOperationException("A freshly generated signing key cannot be read back.");
        return (rotated, fresh);
    }

    // expectedCurrent: rotate only if this key is still the signing one (two schedulers racing rotate once).
    public async Task<HealthSigningKey> RotateAsync(AuditActor by, string reason, string? expectedCurrent, CancellationToken ct)
    {
        await RotationGate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var current = await CurrentAsync(ct);
            if (expectedCurrent is not null && current is not null && current.KeyId != expectedCurrent && TryUnprotect(current, out var k))
            {
                k.Dispose();
                return current;
            }
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var p = ecdsa.ExportParameters(false);
            var keyId = $"{Issuer}-{now:yyyyMMddHHmm}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            var blob = Convert.ToBase64String(protector.Protect(ecdsa.ExportPkcs8PrivateKey()));
            var key = HealthSigningKey.Create(keyId, Issuer, Base64Url.Encode(p.Q.X), Base64Url.Encode(p.Q.Y), blob, by.UserName ?? "system", now);
            current?.RotateOut(by.UserName ?? "system", now, LongestTokenLife);
            db.HealthSigningKeys.Add(key);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(by, new AuditEvent("health-code.key-rotate", AuditOutcome.Success, "signing-key", keyId,
                $"previous={current?.KeyId ?? "none"}; reason={reason}"), ct);
            return key;
        }
        finally
        {
            RotationGate.Release();
        }
    }

    public Task<HealthSigningKey?> CurrentAsync(CancellationToken ct) =>
        db.HealthSigningKeys.Where(k => k.SignUntil == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<HealthSigningKey>> AllAsync(CancellationToken ct) =>
        await db.HealthSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);

    // The published set: keys that sign now or whose tokens may still be alive. A retired key leaves the set.
    public async Task<KeySet> PublishedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = await db.HealthSigningKeys.AsNoTracking().Where(k => k.RetiresAt == null || k.RetiresAt > now)
            .OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return new KeySet(Issuer, await IssuerNameAsync(ct), keys.Select(k => new PublicKeyInfo(k.KeyId, k.PublicX, k.PublicY,
            new DateTimeOffset(k.CreatedAt, TimeSpan.Zero).ToUnixTimeSeconds(),
            k.RetiresAt is { } r ? new DateTimeOffset(r, TimeSpan.Zero).ToUnixTimeSeconds() : null)).ToList());
    }

    private bool TryUnprotect(HealthSigningKey key, out ECDsa ecdsa)
    {
        ecdsa = null!;
        try
        {
            var pkcs8 = protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey));
            ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            CryptographicOperations.ZeroMemory(pkcs8);
            return true;
        }
        catch (CryptographicException e)
        {
            // The Data Protection key ring was lost or replaced: the key cannot sign any more, so a new one
            // is made (its public half stays published; tokens it signed still verify until they expire).
            logger.LogWarning(e, "Signing key {KeyId} cannot be unprotected; rotating", key.KeyId);
            ecdsa?.Dispose();
            ecdsa = null!;
            return false;
        }
    }
}

public static class Issuers
{
    public static string Own(HealthStatusOptions options, IConfiguration config) =>
        !string.IsNullOrWhiteSpace(options.Issuer) ? options.Issuer : config["Fangkong:DemoCity"] is { Length: > 0 } city ? city : "3101";
}

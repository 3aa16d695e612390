namespace Fangkong.Web.Features.HealthStatus;

// One ECDSA P-256 signing key of this city. The private half is stored only as a Data Protection
// blob (encrypted with the host's key ring), never returned by any endpoint. A key signs until it is
// rotated out (SignUntil), and stays published for verification until every token it signed has
// expired (RetiresAt).
public sealed class HealthSigningKey
{
    private HealthSigningKey() { }

    public static HealthSigningKey Create(string keyId, string issuer, string publicX, string publicY, string protectedPrivateKey, string createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), KeyId = keyId, Issuer = issuer, PublicX = publicX, PublicY = publicY,
        ProtectedPrivateKey = protectedPrivateKey, CreatedBy = createdBy, CreatedAt = nowUtc, Version = 1,
    };

    public Guid Id { get; private set; }
    public string KeyId { get; private set; } = "";
    public string Issuer { get; private set; } = "";
    public string PublicX { get; private set; } = "";
    public string PublicY { get; private set; } = "";
    public string ProtectedPrivateKey { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? SignUntil { get; private set; }
    public DateTime? RetiresAt { get; private set; }
    public string? RotatedBy { get; private set; }
    public int Version { get; private set; }

    public bool IsSigning => SignUntil is null;
    public bool IsPublishedAt(DateTime nowUtc) => RetiresAt is null || RetiresAt > nowUtc;

    // Tokens signed just before rotation live for the whole token lifetime, plus the skew a checkpoint
    // allows, so the key is published that long after it stops signing.
    public void RotateOut(string by, DateTime nowUtc, TimeSpan longestTokenLifetime)
    {
        if (SignUntil is not null) return;
        SignUntil = nowUtc;
        RetiresAt = nowUtc + longestTokenLifetime;
        RotatedBy = by;
        Version++;
    }
}

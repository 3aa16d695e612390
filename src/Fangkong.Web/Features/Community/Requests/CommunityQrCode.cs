using System.Security.Cryptography;

namespace Fangkong.Web.Features.Community.Requests;

// The code printed at a compound's gate: whoever holds the URL may file a request for that
// residents' committee without an account, so the token is 128 random bits and can be revoked
// (a leaked code is replaced, not reused).
// The code is also the platform's compound (小区): group orders of supplies are addressed to it and
// its lockdown state lives on it. A worker records it by hand today; automatic area risk levels can
// drive the same Seal/Lift methods later.
public sealed class CommunityQrCode
{
    private CommunityQrCode() { }

    public static CommunityQrCode Issue(string committeeCode, string label, string createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), DistrictCode = committeeCode[..6], DivisionCode = committeeCode, Label = label,
        Token = NewToken(), CreatedBy = createdBy, CreatedAt = nowUtc, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string Label { get; private set; } = "";
    public string Token { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public int Version { get; private set; }
    // Lockdown (封控): sealed since this instant until lifted; both null when never sealed.
    public DateTime? SealedAt { get; private set; }
    public DateTime? LiftedAt { get; private set; }
    public string? LockdownBy { get; private set; }

    public bool IsActive => RevokedAt is null;

    public DateTime? SealedSince => SealedAt is not null && LiftedAt is null ? SealedAt : null;

    // Sealing an already sealed compound keeps the earlier start: "sealed for N days" must not reset.
    public void Seal(string by, DateTime nowUtc)
    {
        if (SealedSince is not null) return;
        (SealedAt, LiftedAt, LockdownBy) = (nowUtc, null, by);
        Version++;
    }

    public void Lift(string by, DateTime nowUtc)
    {
        if (SealedSince is null) return;
        (LiftedAt, LockdownBy) = (nowUtc, by);
        Version++;
    }

    public void Revoke(string by, DateTime nowUtc)
    {
        if (RevokedAt is not null) return;
        (RevokedAt, RevokedBy) = (nowUtc, by);
        Version++;
    }

    // URL-safe base64 of 16 random bytes: 22 characters, 128 bits.
    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

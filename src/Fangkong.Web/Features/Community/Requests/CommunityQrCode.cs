using System.Security.Cryptography;

namespace Fangkong.Web.Features.Community.Requests;

// The code printed at a compound's gate: whoever holds the URL may file a request for that
// residents' committee without an account, so the token is 128 random bits and can be revoked
// (a leaked code is replaced, not reused).
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

    public bool IsActive => RevokedAt is null;

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

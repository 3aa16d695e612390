using Fangkong.HealthCodes;

namespace Fangkong.Web.Features.HealthStatus;

// A token handed out for a person: the serial and what it asserted, so a later change of the person's
// colour can find and revoke it. The token text itself is not stored (it can be re-derived by nobody
// without the key, and the person's screen already has it).
public sealed class IssuedHealthCode
{
    private IssuedHealthCode() { }

    public static IssuedHealthCode Record(HealthCodePayload payload, Guid personId, string divisionCode, string channel, string issuedBy) => new()
    {
        DistrictCode = divisionCode[..6], Id = Guid.CreateVersion7(), PersonId = personId, DivisionCode = divisionCode,
        Serial = payload.Serial, KeyId = payload.KeyId, Colour = (HealthColour)(int)payload.Colour,
        IssuedAt = payload.IssuedAt.UtcDateTime, ExpiresAt = payload.ExpiresAt.UtcDateTime, Channel = channel, IssuedBy = issuedBy, Version = 1,
    };

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string Serial { get; private set; } = "";
    public string KeyId { get; private set; } = "";
    public HealthColour Colour { get; private set; }
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public string Channel { get; private set; } = "";
    public string IssuedBy { get; private set; } = "";
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }
    public int Version { get; private set; }

    public bool IsOutstandingAt(DateTime nowUtc) => RevokedAt is null && ExpiresAt > nowUtc;

    public void Revoke(string reason, DateTime nowUtc)
    {
        if (RevokedAt is not null) return;
        (RevokedAt, RevokedReason) = (nowUtc, reason);
        Version++;
    }
}

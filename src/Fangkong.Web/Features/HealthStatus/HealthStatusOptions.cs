namespace Fangkong.Web.Features.HealthStatus;

// Configuration section "HealthStatus". Short lifetimes keep revocation lists small and stale codes
// out of circulation; the rotation period bounds what one leaked signing key could sign.
public sealed class HealthStatusOptions
{
    // GB/T 2260 city code printed in every token as its issuer; empty means Fangkong:DemoCity.
    public string Issuer { get; set; } = "";
    public string IssuerName { get; set; } = "";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan KeyRotation { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);
    // A trusted issuer's key set may be fetched from its URL; the fetch must not hang an admin page.
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
    // Key sets are fetched only from public addresses; a test or a closed network whose partner cities
    // sit on private addresses can allow those (never this server's own loopback in production).
    public bool AllowPrivateIssuerUrls { get; set; }
}

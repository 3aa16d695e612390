namespace Fangkong.Web.Features.HealthStatus;

// Another city whose tokens this platform recognises (互认): its published key set, as imported by the
// security administrator, and where it came from so it can be refreshed after that city rotates.
public sealed class TrustedIssuer
{
    private TrustedIssuer() { }

    public static TrustedIssuer Import(string issuer, string name, string keySetJson, string? sourceUrl, string by, DateTime nowUtc) => new()
    {
        Issuer = issuer, Name = name, KeySetJson = keySetJson, SourceUrl = sourceUrl, ImportedBy = by, ImportedAt = nowUtc, Version = 1,
    };

    public string Issuer { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string KeySetJson { get; private set; } = "";
    public string? SourceUrl { get; private set; }
    public string ImportedBy { get; private set; } = "";
    public DateTime ImportedAt { get; private set; }
    public int Version { get; private set; }

    public void Replace(string name, string keySetJson, string? sourceUrl, string by, DateTime nowUtc)
    {
        (Name, KeySetJson, SourceUrl, ImportedBy, ImportedAt) = (name, keySetJson, sourceUrl ?? SourceUrl, by, nowUtc);
        Version++;
    }
}

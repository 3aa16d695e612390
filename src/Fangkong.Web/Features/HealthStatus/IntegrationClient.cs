using System.Security.Cryptography;
using System.Text;
using Fangkong.HealthCodes;

namespace Fangkong.Web.Features.HealthStatus;

// The city's resident-app backend (or another system) allowed to issue health codes and nothing else:
// its secret opens exactly one endpoint, is never a session, and is stored only as a SHA-256 hash
// (256 random bits need no slow hash).
public sealed class IntegrationClient
{
    public const string IssueScope = "health-code:issue";
    private IntegrationClient() { }

    public static (IntegrationClient Client, string Token) Create(string name, string by, DateTime nowUtc)
    {
        var secret = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var client = new IntegrationClient { Id = Guid.CreateVersion7(), Name = name, Scope = IssueScope, SecretHash = HashOf(secret), CreatedBy = by, CreatedAt = nowUtc, Version = 1 };
        return (client, $"{client.Id:N}.{secret}");
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Scope { get; private set; } = "";
    public string SecretHash { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public int Version { get; private set; }

    public bool Accepts(string secret) => RevokedAt is null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(secret)), Encoding.ASCII.GetBytes(SecretHash));

    public void Used(DateTime nowUtc) => LastUsedAt = nowUtc;

    public void Revoke(DateTime nowUtc)
    {
        if (RevokedAt is not null) return;
        RevokedAt = nowUtc;
        Version++;
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

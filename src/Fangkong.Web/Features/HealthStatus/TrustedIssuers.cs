using Fangkong.HealthCodes;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.HealthStatus;

public sealed record TrustedIssuerInput(string? KeySetJson, string? Url);

public sealed record TrustedIssuerView(string Issuer, string Name, int Keys, string? SourceUrl, string ImportedBy, DateTime ImportedAt);

// 互认: the security administrator imports another city's published key set (pasted, or fetched from its
// URL); from then on its tokens verify here and on the offline page. Every import and removal is audited.
public sealed class TrustedIssuers(FangkongDb db, SigningKeys keys, CurrentUser user, AuditLog audit, TimeProvider clock,
    IHttpClientFactory http, IOptions<HealthStatusOptions> options)
{
    public async Task<IReadOnlyList<TrustedIssuerView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.TrustedIssuers.AsNoTracking().OrderBy(t => t.Issuer).ToListAsync(ct);
        return rows.Select(t => new TrustedIssuerView(t.Issuer, t.Name, KeySet.TryParse(t.KeySetJson, out var s, out _) ? s.Keys.Count : 0,
            t.SourceUrl, t.ImportedBy, t.ImportedAt)).ToList();
    }

    public async Task<WriteOutcome<TrustedIssuerView>> ImportAsync(TrustedIssuerInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var json = input.KeySetJson;
        string? url = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            if (string.IsNullOrWhiteSpace(input.Url))
                return new WriteOutcome<TrustedIssuerView>.Invalid(errors.Add("keySetJson", "粘贴对方城市的公钥集或填写其地址 / paste the other city's key set or give its URL"));
            // One answer for every way a URL can fail (refused, unreachable, not public, timed out, not a
            // key set): what went wrong would tell a port scan which of this network's ports are open.
            if (!Uri.TryCreate(input.Url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                return new WriteOutcome<TrustedIssuerView>.Invalid(errors.Add("url", UrlFailed));
            url = uri.ToString();
            try
            {
                using var client = http.CreateClient(nameof(TrustedIssuers));
                client.Timeout = options.Value.FetchTimeout;
                client.MaxResponseContentBufferSize = MaxKeySetBytes;
                json = await client.GetStringAsync(uri, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                return new WriteOutcome<TrustedIssuerView>.Invalid(errors.Add("url", UrlFailed));
            }
        }
        if (!KeySet.TryParse(json!, out var set, out var why))
            return new WriteOutcome<TrustedIssuerView>.Invalid(url is null
                ? errors.Add("keySetJson", $"公钥集无效 / invalid key set: {why}")
                : errors.Add("url", UrlFailed));
        if (!IsCityCode(set.Issuer))
            return new WriteOutcome<TrustedIssuerView>.Invalid(errors.Add("keySetJson", "签发方应为 4 位城市代码 / the issuer must be a 4-digit city code"));
        if (set.Issuer == keys.Issuer)
            return new WriteOutcome<TrustedIssuerView>.Invalid(errors.Add("keySetJson", "这是本市自己的公钥集 / this is this city's own key set"));
        if (set.Keys.Count == 0)
            return new WriteOutcome<TrustedIssuerView>.Invalid(errors.Add("keySetJson", "公钥集中没有公钥 / the key set has no keys"));

        var now = clock.GetUtcNow().UtcDateTime;
        var name = string.IsNullOrWhiteSpace(set.IssuerName) ? set.Issuer : set.IssuerName.Trim()[..Math.Min(100, set.IssuerName.Trim().Length)];
        var normalised = set.ToJson();
        var existing = await db.TrustedIssuers.FirstOrDefaultAsync(t => t.Issuer == set.Issuer, ct);
        if (existing is null) db.TrustedIssuers.Add(existing = TrustedIssuer.Import(set.Issuer, name, normalised, url, user.UserName!, now));
        else existing.Replace(name, normalised, url, user.UserName!, now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("health-code.issuer-trust", AuditOutcome.Success, "issuer", set.Issuer,
            $"keys={string.Join(",", set.Keys.Select(k => k.KeyId))}; source={url ?? "pasted"}"), ct);
        return new WriteOutcome<TrustedIssuerView>.Done(new TrustedIssuerView(existing.Issuer, existing.Name, set.Keys.Count, existing.SourceUrl, existing.ImportedBy, existing.ImportedAt));
    }

    public async Task<bool> RemoveAsync(string issuer, CancellationToken ct)
    {
        var row = await db.TrustedIssuers.FirstOrDefaultAsync(t => t.Issuer == issuer, ct);
        if (row is null) return false;
        db.TrustedIssuers.Remove(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("health-code.issuer-untrust", AuditOutcome.Success, "issuer", issuer), ct);
        return true;
    }

    private const long MaxKeySetBytes = 1024 * 1024;
    private const string UrlFailed = "无法从该地址获取公钥集（只接受公网上的 http(s) 地址）/ could not get a key set from this URL (only public http(s) addresses are accepted)";

    private static bool IsCityCode(string code) => code.Length == 4 && code.All(char.IsAsciiDigit);
}

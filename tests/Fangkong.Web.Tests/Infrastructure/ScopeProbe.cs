using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Fangkong.Web.Tests.Infrastructure;

// One caller of district A trying district B's records: every read must answer 404 or a list without
// them, every write 404, and no answer may contain any of B's secrets (ids, numbers, names). Counts
// the attempts, so a scope test can say how many it made.
public sealed class ScopeProbe(HttpClient client, params string[] secrets)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public int Reads { get; private set; }
    public int Writes { get; private set; }

    // A by-id read, or a list/count/export narrowed to B: 404.
    public async Task NotFound(string url)
    {
        Reads++;
        var response = await client.GetAsync(url, Ct);
        await Hides(response, url, HttpStatusCode.NotFound);
    }

    // A list, count or export of A's own: success, without B's records.
    public async Task<string> Without(string url)
    {
        Reads++;
        var response = await client.GetAsync(url, Ct);
        return await Hides(response, url, HttpStatusCode.OK);
    }

    // Either answer hides B: 404, or success without B's records (lists narrowed to a division).
    public async Task NothingOf(string url)
    {
        Reads++;
        var response = await client.GetAsync(url, Ct);
        await Hides(response, url, response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    public async Task WriteNotFound(HttpMethod method, string url, object? body = null, int? version = 1)
    {
        Writes++;
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body ?? new { }) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        await Hides(await client.SendAsync(request, Ct), $"{method} {url}", HttpStatusCode.NotFound);
    }

    // A write that names B's record in its body (not by id): refused — 403 or 404 — and B unchanged.
    public async Task WriteRefused(string url, object body, HttpMethod? method = null)
    {
        Writes++;
        var response = await client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = JsonContent.Create(body) }, Ct);
        await Hides(response, $"{method ?? HttpMethod.Post} {url}", response.StatusCode == HttpStatusCode.Forbidden ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
    }

    private async Task<string> Hides(HttpResponseMessage response, string what, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        foreach (var secret in secrets)
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{what} revealed {secret}: {body}");
        return body;
    }
}

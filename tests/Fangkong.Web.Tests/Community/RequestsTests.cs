using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fangkong.Web.Tests.Community;

// 急难愁盼 through the real pipeline: a compound's QR code, a resident with no account filing a
// request and later confirming delivery on the receipt page, the committee worker's steps between.
public abstract partial class RequestsTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<(string Street, List<string> Committees)> Street(HttpClient client, string district)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        foreach (var street in streets.OrderBy(_ => Random.Shared.Next()))
        {
            var code = street.GetProperty("code").GetString()!;
            var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{code}/children", Ct))!
                .Select(c => c.GetProperty("code").GetString()!).Where(c => c.Length == 12).ToList();
            if (committees.Count >= 2) return (code, committees);
        }
        throw new InvalidOperationException($"No street with two committees in {district}.");
    }

    private async Task<(string Committee, string Token, string Url)> Code(HttpClient worker)
    {
        var (_, committees) = await Street(worker, "310104");
        var created = await worker.PostAsJsonAsync("/api/community/qrcodes", new { divisionCode = committees[0], label = "3号门" }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var url = body.GetProperty("url").GetString()!;
        return (committees[0], url["/r/".Length..], url);
    }

    // A client from its own address, so the per-address budget of one test does not spill into another.
    private HttpClient FromAddress(string address)
    {
        app.EnsureAvailable();
        return new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = app.Server.BaseAddress,
        };
    }

    private static object Valid => new
    {
        kind = "dailyNecessities", description = "需要大米和食用油", building = "5号楼", room = "302", phone = "139 1234 5678", urgent = false,
    };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    internal static async Task<string> TokenOf(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync(Ct);
        return Antiforgery().Match(html).Groups[1].Value;
    }

    private static async Task<JsonElement> Send(HttpClient client, string path, Guid id, int version, object? body = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/community/requests/{id}/{path}") { Content = JsonContent.Create(body ?? new { }) };
        message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var response = await client.SendAsync(message, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    // Pages take the cookie session, not a bearer token.
    internal static async Task<HttpClient> Session(FangkongFactory app, string userName)
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetAsync("/Account/Login", Ct);
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOf(login), ["userName"] = userName, ["password"] = "Fangkong-Demo-2026",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task A_resident_files_through_the_QR_page_the_worker_delivers_and_the_resident_confirms_on_the_receipt_page()
    {
        var xuhui = await app.SignedIn("xuhui");
        var pudong = await app.SignedIn("pudong");
        var (committee, token, url) = await Code(xuhui);

        // The resident: no account, the form from the QR code.
        var resident = app.Anonymous();
        var form = await resident.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var posted = await resident.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOf(form), ["Form.Kind"] = "Medicine", ["Form.Urgent"] = "true",
            ["Form.Description"] = "胰岛素用完了，急需", ["Form.Building"] = "12号楼", ["Form.Room"] = "1101", ["Form.Phone"] = "13812345678",
        }), Ct);
        var html = await posted.Content.ReadAsStringAsync(Ct);
        Assert.True(posted.StatusCode == HttpStatusCode.OK, html);
        var receipt = Regex.Match(html, "data-testid=\"receipt\">([A-Z0-9]+)<").Groups[1].Value;
        Assert.Equal(10, receipt.Length);

        // The worker of 徐汇 sees it, the phone masked, due in 4 hours; 浦东 does not.
        var list = await xuhui.GetAsync($"/api/community/requests?division={committee}", Ct);
        Assert.True(list.Headers.CacheControl?.NoStore);
        var mine = (await list.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!.Single(r => r.GetProperty("receipt").GetString() == receipt);
        var id = mine.GetProperty("id").GetGuid();
        Assert.Equal("138****5678", mine.GetProperty("phone").GetString());
        Assert.Equal("Open", mine.GetProperty("status").GetString());
        Assert.Equal(TimeSpan.FromHours(4), mine.GetProperty("dueAt").GetDateTime() - mine.GetProperty("createdAt").GetDateTime());
        Assert.False(mine.GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(receipt, await pudong.GetStringAsync("/api/community/requests", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/api/community/requests/{id}", Ct)).StatusCode);
        var page = await (await Session(app, "xuhui")).GetStringAsync("/Community/Requests", Ct);
        Assert.Contains(receipt, page);
        Assert.Contains("138****5678", page);
        Assert.DoesNotContain("13812345678", page);

        // Five hours on, still not delivered: escalated.
        app.Clock.Advance(TimeSpan.FromHours(5));
        xuhui = await app.SignedIn("xuhui"); // the earlier session has timed out meanwhile
        var late = await xuhui.GetFromJsonAsync<JsonElement>($"/api/community/requests/{id}", Ct);
        Assert.True(late.GetProperty("overdue").GetBoolean());
        var stats = (await xuhui.GetFromJsonAsync<JsonElement[]>("/api/community/requests/stats", Ct))!.Single(s => s.GetProperty("divisionCode").GetString() == committee);
        Assert.True(stats.GetProperty("overdue").GetInt32() >= 1);

        var assigned = await Send(xuhui, "assign", id, late.GetProperty("version").GetInt32(), new { assignedTo = "志愿者 王师傅" });
        Assert.Equal("Assigned", assigned.GetProperty("status").GetString());
        var delivered = await Send(xuhui, "deliver", id, assigned.GetProperty("version").GetInt32(), new { note = "已送到门口" });
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        Assert.False(delivered.GetProperty("overdue").GetBoolean());

        // The receipt page shows this request's progress and nothing personal; the resident confirms.
        var statusUrl = $"/r/{token}/status/{receipt}";
        var status = await resident.GetAsync(statusUrl, Ct);
        var statusHtml = await status.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-status=\"Delivered\"", statusHtml);
        Assert.DoesNotContain("1101", statusHtml);
        Assert.DoesNotContain("5678", statusHtml);
        Assert.DoesNotContain("胰岛素", statusHtml);
        var confirmed = await resident.PostAsync(statusUrl + "?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenOf(status),
        }), Ct);
        Assert.Contains("data-status=\"Closed\"", await confirmed.Content.ReadAsStringAsync(Ct));
        var closed = await xuhui.GetFromJsonAsync<JsonElement>($"/api/community/requests/{id}", Ct);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.True(closed.GetProperty("residentConfirmed").GetBoolean());
        stats = (await xuhui.GetFromJsonAsync<JsonElement[]>("/api/community/requests/stats", Ct))!.Single(s => s.GetProperty("divisionCode").GetString() == committee);
        Assert.Equal(5.0, stats.GetProperty("medianHoursToDelivery").GetDouble(), 1);

        // A guessed receipt shows nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/r/{token}/status/ABCDEFGHJK", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_code_is_refused()
    {
        var xuhui = await app.SignedIn("xuhui");
        var (_, token, url) = await Code(xuhui);
        var id = (await xuhui.GetFromJsonAsync<JsonElement[]>("/api/community/qrcodes", Ct))!.Single(c => c.GetProperty("url").GetString() == url).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await xuhui.PostAsync($"/api/community/qrcodes/{id}/revoke", null, Ct)).StatusCode);

        var resident = FromAddress("198.51.100.21");
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync($"/api/r/{token}/requests", Valid, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync("/api/r/not-a-real-token/requests", Valid, Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_field_named()
    {
        var xuhui = await app.SignedIn("xuhui");
        var (_, token, _) = await Code(xuhui);
        var resident = FromAddress("198.51.100.22");
        var response = await resident.PostAsJsonAsync($"/api/r/{token}/requests",
            new { kind = "money", description = "", building = "", phone = "12345678901" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "kind", "description", "building", "phone" }) Assert.True(errors.TryGetProperty(field, out _), field);

        // A worker files only inside their own divisions.
        var pudong = await app.SignedIn("pudong");
        var (_, committees) = await Street(xuhui, "310104");
        var outside = await pudong.PostAsJsonAsync("/api/community/requests", new
        {
            divisionCode = committees[0], kind = "medicine", description = "退烧药", building = "1号楼", phone = "13900001111",
        }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    [Fact]
    public async Task Too_many_submissions_from_one_address_are_answered_429()
    {
        var xuhui = await app.SignedIn("xuhui");
        var (_, token, _) = await Code(xuhui);
        var resident = FromAddress("198.51.100.23");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) answers.Add(await resident.PostAsJsonAsync($"/api/r/{token}/requests", Valid, Ct));
        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.True(answers[5].Headers.Contains("Retry-After"));
        // Another address still gets through.
        Assert.Equal(HttpStatusCode.Created, (await FromAddress("198.51.100.24").PostAsJsonAsync($"/api/r/{token}/requests", Valid, Ct)).StatusCode);
    }
}

public sealed class RequestsTestsOnSqlite(SqliteFactory app) : RequestsTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class RequestsTestsOnPostgres(PostgresFactory app) : RequestsTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

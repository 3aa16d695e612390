using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

// The request-level promises every module inherits: a cookie-signed API change needs the page's
// antiforgery token, every signed-in answer is no-store, creates honour Idempotency-Key (a claim
// whose request died is taken over), 429 says when to come back, a zip bomb of a spreadsheet is
// refused before parsing, and a trusted-issuer URL cannot probe this network.
public abstract partial class RequestSafetyTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("hx-headers='\\{\"RequestVerificationToken\": \"([^\"]+)\"\\}'")]
    private static partial Regex PageToken();

    // A browser session: the sign-in page's form, then the session cookie.
    private async Task<HttpClient> Session(string userName)
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/Account/Login", Ct);
        var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = DemoAccounts.Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string Elder(string committee) =>
        TestPeople.IdNumber(committee[..6], new DateOnly(1938 + Random.Shared.Next(5), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)), Random.Shared.Next(2) == 0);

    private static MultipartFormDataContent Roster(string committee) => new()
    {
        {
            new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\r\n",
                "姓名,身份证号,电话,居住地区划代码,慢性病,孕妇,残疾,独居,疫苗剂次,末次接种日期,家庭医生,社区工作者",
                $"李奶奶,{Elder(committee)},13800000011,{committee},高血压,否,否,是,0,,王医生,张社工"))),
            "file", "roster.csv"
        },
    };

    [Fact]
    public async Task A_cookie_signed_API_change_needs_the_page_token_and_a_bearer_one_does_not()
    {
        var bearer = await app.SignedIn("xuhui");
        var committee = await TestPeople.FirstCommittee(bearer, "310104");
        var session = await Session("xuhui");
        const string import = "/api/community/key-populations/import?mode=all";

        // A page on another port of the same host can make the browser send the cookie, not the token.
        var forged = await session.PostAsync(import, Roster(committee), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(Ct));
        var forgedJson = await session.PostAsJsonAsync("/api/people", TestPeople.Person(committee, TestPeople.UniqueIdNumber("310104")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forgedJson.StatusCode);
        Assert.Contains("antiforgery", await forgedJson.Content.ReadAsStringAsync(Ct));
        // Reads need no token.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/me", Ct)).StatusCode);

        // The import page's script sends the token its page carries.
        var page = await session.GetStringAsync("/Community/KeyPopulations/Import", Ct);
        var token = PageToken().Match(page);
        Assert.True(token.Success, "no antiforgery token on the page");
        using var fromPage = new HttpRequestMessage(HttpMethod.Post, import) { Content = Roster(committee) };
        fromPage.Headers.Add("RequestVerificationToken", token.Groups[1].Value);
        var imported = await session.SendAsync(fromPage, Ct);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(Ct));

        // Scripts use the bearer token and need nothing more.
        var scripted = await bearer.PostAsync(import, Roster(committee), Ct);
        Assert.True(scripted.StatusCode == HttpStatusCode.OK, await scripted.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Every_answer_to_a_signed_in_user_is_no_store_and_static_files_keep_their_caching()
    {
        var commander = await app.SignedIn("commander");
        var epi = await app.SignedIn("epi");
        var xuhui = await app.SignedIn("xuhui");
        var medical = await app.SignedIn("medical");
        var checks = new List<(HttpClient Client, string Path)>
        {
            (medical, "/api/treatment/patients"), (medical, "/api/treatment/wards"),
            (epi, "/api/investigation/cases"), (epi, "/api/investigation/contacts"), (epi, "/api/investigation/follow-ups"),
            (epi, "/api/investigation/four-categories"), (epi, "/api/risk-areas/overrides"),
            (xuhui, "/api/community/key-populations"), (xuhui, "/api/community/green-channel"), (xuhui, "/api/community/requests"),
            (xuhui, "/api/people"), (commander, "/api/tickets"), (commander, "/api/overview"), (commander, "/api/me"),
            (commander, "/api/investigation/cases"),
        };
        foreach (var (client, path) in checks)
        {
            var response = await client.GetAsync(path, Ct);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path} ({(int)response.StatusCode}) is not no-store");
        }

        foreach (var (user, path) in new[]
                 {
                     ("medical", "/Treatment"), ("epi", "/Investigation"), ("epi", "/Investigation/Contacts"), ("xuhui", "/Community/KeyPopulations"),
                     ("xuhui", "/Community/Requests"), ("commander", "/"), ("commander", "/Surveillance"),
                 })
        {
            var response = await (await Session(user)).GetAsync(path, Ct);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"page {path} ({(int)response.StatusCode}) is not no-store");
        }

        // Static files and the anonymous public answers keep their caching, signed in or not.
        var session = await Session("commander");
        foreach (var client in new[] { app.Anonymous(), session })
            Assert.NotEqual(true, (await client.GetAsync("/css/site.css", Ct)).Headers.CacheControl?.NoStore);
        var keys = await app.Anonymous().GetAsync("/api/health-status/keys", Ct);
        Assert.Equal(TimeSpan.FromSeconds(300), keys.Headers.CacheControl?.MaxAge);
        Assert.NotEqual(true, (await app.Anonymous().GetAsync("/api/public/risk-areas", Ct)).Headers.CacheControl?.NoStore);
    }

    // Route segments after a record's id that act on that record (guarded by If-Match), not create one.
    private static readonly HashSet<string> Actions =
    [
        "submit", "cancel", "confirm", "decline", "seal", "lift", "assign", "deliver", "close", "revoke", "complete", "rule-out",
        "isolate", "hand-over", "handover", "quarantine", "positive", "release", "lost", "share", "approve", "reject", "end", "adjust",
        "discard", "dispatch", "in-transit", "receive", "escalate", "enroute", "onscene", "transporting", "delivered", "admit",
        "transfer", "community", "severity", "discharge", "death", "disable", "enable", "unlock", "reveal", "source", "send",
    ];

    // POSTs that create nothing a retry could duplicate, or cannot take the filter, each with its reason.
    private static readonly Dictionary<string, string> NotCreates = new()
    {
        ["/api/auth/token"] = "signs in",
        ["/api/auth/logout"] = "signs out",
        ["/api/auth/password"] = "changes the own password; a repeat with the old password is refused, and the body holds passwords that must not be stored for replay",
        ["/api/people/search"] = "a search with the ID number in the body",
        ["/api/health-status/verify"] = "checks a token",
        ["/api/health-status/integration/codes"] = "no account: the integration token is checked in the handler, so there is no user to key a claim by",
        ["/api/health-status/admin/integration-clients"] = "the answer carries the client's secret once; it must not be stored for replay",
        ["/api/risk-areas/compute"] = "recomputes the day's levels; running it again changes nothing",
        ["/api/surveillance/{code}/scenarios"] = "a projection; stores nothing",
        ["/api/community/group-orders/schedule"] = "places unscheduled orders; running it again finds none",
        ["/api/community/sharing/match"] = "proposes matches; stores nothing",
        ["/api/r/{token}/requests"] = "residents have no account to key a claim by; rate limit and daily cap bound repeats",
        ["/api/r/{token}/status/{receipt}/confirm"] = "confirms one request",
        ["/api/screening/results"] = "a tube's result sent again is reported, not added",
        ["/api/supplies/stock-reports"] = "a facility × product × day already reported is refused",
    };

    [Fact]
    public async Task Every_create_endpoint_honours_Idempotency_Key()
    {
        app.Anonymous().Dispose();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} POST endpoints found");
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText!.TrimEnd('/');
            if (endpoint.Metadata.GetMetadata<IdempotentCreateMetadata>() is not null) continue;
            var segments = route.Split('/');
            var last = segments[^1];
            if (last.StartsWith('{')) continue;                                              // updates the record it names
            if (segments[^2].StartsWith('{') && Actions.Contains(last)) continue;            // a step of that record
            if (last == "import" || (last == "samples" && segments[^2].StartsWith('{'))) continue; // uploads: the filter does not hash a file
            if (NotCreates.ContainsKey(route)) continue;
            missing.Add(route);
        }
        Assert.True(missing.Count == 0, "creates without .Idempotent(): " + string.Join(", ", missing));
    }

    private static HttpRequestMessage Keyed(string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyFilter.Header, key);
        return request;
    }

    private static async Task<string> Committee(HttpClient client, string district)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        var street = streets[Random.Shared.Next(streets.Length)].GetProperty("code").GetString()!;
        var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street}/children", Ct))!;
        return committees[Random.Shared.Next(committees.Length)].GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Twenty_parallel_risk_overrides_with_one_key_make_one_override()
    {
        var epi = await app.SignedIn("epi");
        var committee = await Committee(epi, "310101");
        var key = Guid.NewGuid().ToString();
        var body = new { divisionCode = committee, level = "Sealed", reason = "楼栋聚集性疫情，先行封控" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => epi.SendAsync(Keyed("/api/risk-areas/overrides", body, key), Ct)));
        foreach (var a in answers) Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync(Ct)}");
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        var overrides = await epi.GetFromJsonAsync<JsonElement>($"/api/risk-areas/overrides?division={committee}", Ct);
        var items = overrides.ValueKind == JsonValueKind.Array ? overrides : overrides.GetProperty("items");
        Assert.Single(items.EnumerateArray(), o => o.GetProperty("divisionCode").GetString() == committee);
    }

    [Fact]
    public async Task Twenty_parallel_user_creations_with_one_key_make_one_account()
    {
        // Accounts are created by the system administrator, without a role (三权分立).
        var sysadmin = await app.SignedIn("sysadmin");
        var userName = $"idem.{Guid.NewGuid():N}"[..30];
        var body = new { userName, displayName = "幂等测试", password = "Scoped-Test-Passw0rd!" };
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sysadmin.SendAsync(Keyed("/api/users", body, key), Ct)));
        foreach (var a in answers) Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode} {await a.Content.ReadAsStringAsync(Ct)}");
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task A_claim_left_by_a_request_that_died_is_taken_over_after_the_lease()
    {
        var epi = await app.SignedIn("epi");
        var committee = await Committee(epi, "310101");
        var key = Guid.NewGuid().ToString();
        var body = new { divisionCode = committee, level = "Sealed", reason = "楼栋聚集性疫情，先行封控" };
        Assert.Equal(HttpStatusCode.Created, (await epi.SendAsync(Keyed("/api/risk-areas/overrides", body, key), Ct)).StatusCode);

        // As if the request had claimed the key and the process died before it completed.
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
            var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
            Assert.Equal(1, await db.IdempotencyRecords.Where(r => r.Key == key)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.ResponseBody, (string?)null), Ct));
        }

        // The client's retry after the lease completes instead of answering 409 for ever.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var retried = await epi.SendAsync(Keyed("/api/risk-areas/overrides", body, key), timeout.Token);
        Assert.True(retried.StatusCode == HttpStatusCode.Created, $"{(int)retried.StatusCode} {await retried.Content.ReadAsStringAsync(Ct)}");
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        // And the key now answers with the retry's result.
        var replayed = await epi.SendAsync(Keyed("/api/risk-areas/overrides", body, key), Ct);
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((await retried.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid(),
            (await replayed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_refused_resident_request_says_when_the_window_really_reopens()
    {
        app.EnsureAvailable();
        var resident = new HttpClient(app.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.77")))
        {
            BaseAddress = app.Server.BaseAddress,
        };
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
            last = await resident.PostAsJsonAsync("/api/r/not-a-real-token/requests", new { kind = "medicine", description = "退烧药", building = "1号楼", phone = "13900001111" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        // The resident window is 10 minutes by default: coming back after 60 s would be refused again.
        Assert.Equal(TimeSpan.FromMinutes(10), last.Headers.RetryAfter?.Delta);
    }

    // A few kilobytes that inflate to a shared-strings part of ~70 MB.
    private static byte[] SharedStringsBomb()
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rels = "http://schemas.openxmlformats.org/package/2006/relationships";
        const string officeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
            Part("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{rels}\"><Relationship Id=\"rId1\" Type=\"{officeRels}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{main}\" xmlns:r=\"{officeRels}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{rels}\">"
                + $"<Relationship Id=\"rId1\" Type=\"{officeRels}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + $"<Relationship Id=\"rId2\" Type=\"{officeRels}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            Part("xl/worksheets/sheet1.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>");
            using var writer = new StreamWriter(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{main}\">");
            var chunk = string.Concat(Enumerable.Repeat("<si><t>x</t></si>", 60_000));
            for (var i = 0; i < 70; i++) writer.Write(chunk);
            writer.Write("</sst>");
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task A_spreadsheet_whose_shared_strings_inflate_past_the_cap_is_refused_naming_file()
    {
        var bomb = SharedStringsBomb();
        Assert.True(bomb.Length < 1_000_000, $"the crafted file is {bomb.Length} bytes");
        var xuhui = await app.SignedIn("xuhui");
        var form = new MultipartFormDataContent { { new ByteArrayContent(bomb), "file", "roster.xlsx" } };
        var response = await xuhui.PostAsync("/api/community/key-populations/import?mode=all", form, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var file = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("file");
        Assert.Contains("too large once unpacked", file.ToString());
    }

    [Fact]
    public async Task A_trusted_issuer_URL_cannot_probe_this_server_or_its_network()
    {
        var secadmin = await app.SignedIn("secadmin");
        var urls = new[]
        {
            "http://127.0.0.1:1/keys",                         // a closed port here
            "http://127.0.0.1:55503/",                         // the PostgreSQL of the test run, when it runs
            "http://localhost:5432/", "http://[::1]:22/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/keys",
            "http://192.168.1.1/keys", "http://172.16.0.1/keys", "http://0.0.0.0:80/", "http://[::ffff:127.0.0.1]:1/",
            "http://no-such-host.invalid/keys", "ftp://example.com/keys",
        };
        var messages = new HashSet<string>();
        foreach (var url in urls)
        {
            var response = await secadmin.PostAsJsonAsync("/api/health-status/admin/trusted-issuers", new { url }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            messages.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("url").ToString());
        }
        // One neutral answer, whatever happened (refused, not resolved, not public): no port-scan oracle.
        Assert.Single(messages);
        Assert.DoesNotContain("refused", messages.Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.31.255.1", false)]
    [InlineData("192.168.0.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("202.96.209.133", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2400:3200::1", true)]
    public void Only_public_addresses_are_fetched_from(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddresses.IsPublic(IPAddress.Parse(address)));
}

public sealed class RequestSafetyTestsOnSqlite(SqliteFactory app) : RequestSafetyTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class RequestSafetyTestsOnPostgres(PostgresFactory app) : RequestSafetyTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

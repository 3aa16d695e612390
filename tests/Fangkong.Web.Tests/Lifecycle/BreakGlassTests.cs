using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// Break the glass: a reasoned, expiring, audited read of another division, named per request in the
// X-Break-Glass header; the account's own scope never changes.
public abstract class BreakGlassTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PudongPerson()
    {
        var pudong = await app.UserWithScope("Epidemiologist", "310115");
        var committee = await TestPeople.FirstCommittee(pudong, "310115");
        var created = await pudong.PostAsJsonAsync("/api/people", TestPeople.Person(committee, name: "李四"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!.ToString();
    }

    private static HttpRequestMessage Under(HttpMethod method, string url, string? grant)
    {
        var request = new HttpRequestMessage(method, url);
        if (grant is not null) request.Headers.Add("X-Break-Glass", grant);
        return request;
    }

    [Fact]
    public async Task A_grant_opens_one_other_division_for_reading_until_it_expires_and_every_use_is_audited()
    {
        var person = await PudongPerson();
        var epi = await app.UserWithScope("Epidemiologist", "310104");

        // Before: the other district's resident is simply not there.
        Assert.Equal(HttpStatusCode.NotFound, (await epi.GetAsync(person, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.SendAsync(Under(HttpMethod.Get, person, Guid.NewGuid().ToString()), Ct)).StatusCode);

        var opened = await epi.PostAsJsonAsync("/api/break-glass", new { divisionCode = "310115", reason = "跨区转运患者核对身份", minutes = 10 }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var grant = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        // With the grant: the read answers, masked as always.
        var read = await epi.SendAsync(Under(HttpMethod.Get, person, grant), Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var seen = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("李四", seen.GetProperty("name").GetString());
        Assert.Contains("********", seen.GetProperty("idNumber").GetString());
        // Without naming it, the own scope applies: still not found.
        Assert.Equal(HttpStatusCode.NotFound, (await epi.GetAsync(person, Ct)).StatusCode);
        // Read-only: a write under the grant is refused before it reaches the endpoint.
        var reveal = Under(HttpMethod.Post, $"{person}/reveal", grant);
        reveal.Content = JsonContent.Create(new { field = "idNumber", reason = "核对" });
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.SendAsync(reveal, Ct)).StatusCode);

        // After expiry on the platform clock: refused.
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.SendAsync(Under(HttpMethod.Get, person, grant), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await epi.GetAsync(person, Ct)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var uses = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?action=break-glass.access&objectId={grant}&pageSize=50", Ct);
        var outcomes = uses.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(1, outcomes.Count(o => o == "success"));
        Assert.Equal(2, outcomes.Count(o => o == "denied"));
        var granted = await auditor.GetStringAsync($"/api/audit?action=break-glass.grant&objectId={grant}", Ct);
        Assert.Contains("跨区转运患者核对身份", granted);
    }

    [Fact]
    public async Task The_auditor_sees_every_grant_with_its_reason_and_whether_it_is_live()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var opened = await epi.PostAsJsonAsync("/api/break-glass", new { divisionCode = "310115", reason = "密接跨区流调核查", minutes = 30 }, Ct);
        var body = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var grant = body.GetProperty("id").GetString();
        var userName = body.GetProperty("userName").GetString();

        var auditor = await app.SignedIn("auditor");
        var list = await auditor.GetFromJsonAsync<JsonElement>($"/api/break-glass?user={userName}", Ct);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(grant, row.GetProperty("id").GetString());
        Assert.Equal("310115", row.GetProperty("divisionCode").GetString());
        Assert.Equal("浦东新区", row.GetProperty("divisionName").GetString());
        Assert.Equal("密接跨区流调核查", row.GetProperty("reason").GetString());
        Assert.True(row.GetProperty("active").GetBoolean());
        // The list is the auditor's: the user who holds grants cannot read everyone's.
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.GetAsync("/api/break-glass", Ct)).StatusCode);

        // And the auditor's page shows it (in the reader's language), linked from the audit trail.
        var page = await Browser("auditor");
        var html = await page.GetStringAsync("/BreakGlass?culture=en", Ct);
        Assert.Contains("Break-the-glass grants", html);
        Assert.Contains("密接跨区流调核查", html);
        Assert.Contains(userName!, html);
        Assert.Contains("href=\"/BreakGlass\"", await page.GetStringAsync("/AuditTrail", Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Browser("xuhui")).GetAsync("/BreakGlass", Ct)).StatusCode);
    }

    // A browser-like session: the login form with its antiforgery token, cookies kept.
    private async Task<HttpClient> Browser(string userName)
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/Account/Login", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<v>[^\"]*)\"").Groups["v"].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = Fangkong.Web.Platform.Access.DemoAccounts.Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task A_grant_needs_a_reason_a_lifetime_a_real_division_outside_the_own_scope_and_the_right()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");

        var problem = await (await epi.PostAsJsonAsync("/api/break-glass", new { divisionCode = "310115", reason = " ", minutes = 0 }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("minutes", out _), problem.ToString());
        var status = (await epi.PostAsJsonAsync("/api/break-glass", new { divisionCode = "310115", minutes = 10 }, Ct)).StatusCode;
        Assert.Equal(HttpStatusCode.BadRequest, status);
        foreach (var code in new[] { "3101", "310199", "310104" })
        {
            var bad = await epi.PostAsJsonAsync("/api/break-glass", new { divisionCode = code, reason = "紧急救治核对", minutes = 10 }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("divisionCode", out _), code);
        }
        Assert.Equal(0, (await epi.GetFromJsonAsync<JsonElement>("/api/break-glass/mine", Ct)).GetArrayLength());

        // A community worker (no BreakGlass right) is refused, and so is the auditor.
        var xuhui = await app.SignedIn("xuhui");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await xuhui.PostAsJsonAsync("/api/break-glass", new { divisionCode = "310115", reason = "紧急救治核对", minutes = 10 }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_user_cannot_use_someone_elses_grant_and_keeps_the_own_scope()
    {
        var person = await PudongPerson();
        var holder = await app.UserWithScope("Epidemiologist", "310104");
        var other = await app.UserWithScope("Epidemiologist", "310104");
        var opened = await holder.PostAsJsonAsync("/api/break-glass", new { divisionCode = "310115", reason = "跨区转运患者核对身份", minutes = 30 }, Ct);
        var grant = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(Under(HttpMethod.Get, person, grant), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(person, Ct)).StatusCode);
        // The holder's own district is unaffected by holding a grant.
        var committee = await TestPeople.FirstCommittee(holder, "310104");
        var own = (await holder.PostAsJsonAsync("/api/people", TestPeople.Person(committee), Ct)).Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync(own, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holder.SendAsync(Under(HttpMethod.Get, person, grant), Ct)).StatusCode);
    }
}

public sealed class BreakGlassTestsOnSqlite(SqliteFactory app) : BreakGlassTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class BreakGlassTestsOnPostgres(PostgresFactory app) : BreakGlassTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

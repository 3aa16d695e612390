using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

public abstract class IdentityTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string UserName, string Password, string Id)> NewUser(string role = "Dispatcher")
    {
        var account = await app.NewAccount(role, "310104", userName: $"u{Guid.NewGuid():N}"[..16]);
        return (account.UserName, account.Password, account.Id);
    }

    private Task<HttpResponseMessage> Token(string userName, string password) =>
        app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);

    [Fact]
    public async Task Five_failures_within_15_minutes_lock_the_account_for_15_minutes_and_are_audited()
    {
        var (userName, password, _) = await NewUser();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(userName, "wrong-password-1")).StatusCode);

        var locked = await Token(userName, password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        var unknown = await Token("no-such-user-anywhere", "wrong-password-1");
        // Locked, wrong and unknown get the same answer: it never tells whether the account exists.
        Assert.Equal(ProblemTitle(await unknown.Content.ReadAsStringAsync(Ct)), ProblemTitle(await locked.Content.ReadAsStringAsync(Ct)));

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await Token(userName, password)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var audit = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?user={userName}&pageSize=50", Ct);
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => $"{e.GetProperty("action").GetString()}:{e.GetProperty("outcome").GetString()}").ToList();
        Assert.Contains("account.lock:success", actions);
        Assert.Contains("login:failure", actions);
        Assert.Contains("login:success", actions);
    }

    [Fact]
    public async Task Failures_spread_over_more_than_15_minutes_do_not_lock()
    {
        var (userName, password, _) = await NewUser();
        for (var i = 0; i < 4; i++) await Token(userName, "wrong-password-1");
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        for (var i = 0; i < 4; i++) await Token(userName, "wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, (await Token(userName, password)).StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_tokens_at_once()
    {
        var (userName, password, id) = await NewUser();
        var user = await app.SignedIn(userName, password);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me", Ct)).StatusCode);
        var secadmin = await app.SignedIn("secadmin");
        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.PostAsync($"/api/users/{id}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session_server_side()
    {
        var (userName, password, _) = await NewUser();
        var user = await app.SignedIn(userName, password);
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync("/api/auth/logout", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sessions_end_after_30_idle_minutes_and_after_12_hours_regardless()
    {
        var (userName, password, _) = await NewUser();
        var user = await app.SignedIn(userName, password);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("short1!", "password")]
    [InlineData("password123", "password")]
    [InlineData("alllowercaseletters", "password")]
    public async Task Weak_passwords_are_refused_naming_the_password_field(string password, string field)
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var response = await sysadmin.PostAsJsonAsync("/api/users", new { userName = $"w{Guid.NewGuid():N}"[..12], displayName = "弱口令", password }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task User_names_are_unique_ignoring_case()
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var response = await sysadmin.PostAsJsonAsync("/api/users", new { userName = "COMMANDER", displayName = "冒名", password = "Another-Passw0rd!" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("userName", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_three_administrator_duties_are_separate()
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var secadmin = await app.SignedIn("secadmin");
        var auditor = await app.SignedIn("auditor");
        // The system administrator lists accounts (it creates them) but grants nothing: see SeparationOfDutiesTests.
        Assert.Equal(HttpStatusCode.OK, (await sysadmin.GetAsync("/api/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.PostAsync("/api/users/x/unlock", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.GetAsync("/api/people", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/facilities", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secadmin.GetAsync("/api/users", Ct)).StatusCode);
    }

    private static string ProblemTitle(string json) => JsonDocument.Parse(json).RootElement.GetProperty("title").GetString()!;
}

public sealed class IdentityTestsOnSqlite(SqliteFactory app) : IdentityTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class IdentityTestsOnPostgres(PostgresFactory app) : IdentityTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

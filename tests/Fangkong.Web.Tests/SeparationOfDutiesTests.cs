using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// 三权分立: the system administrator creates accounts, the security administrator grants roles and
// scopes, the auditor reads the trail; none can do the others' work, and no administrator can sign in
// as an account they created or granted and use it.
public abstract class SeparationOfDutiesTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object NewAccountBody(string role = "Auditor") =>
        new { userName = $"sod{Guid.NewGuid():N}"[..16], displayName = "职责测试", password = "Chosen-By-Admin-9!", role };

    private async Task<string> IdOf(HttpClient admin, string userName)
    {
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users", Ct);
        return users.EnumerateArray().First(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_security_administrator_cannot_create_an_account_and_sign_in_as_it()
    {
        var secadmin = await app.SignedIn("secadmin");
        var body = new { userName = $"sec{Guid.NewGuid():N}"[..16], displayName = "自建审计", password = "Chosen-By-Admin-9!", role = "Auditor" };

        var created = await secadmin.PostAsJsonAsync("/api/users", body, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { body.userName, body.password }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_system_administrator_creates_accounts_without_a_role_and_cannot_grant_one()
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var withRole = await sysadmin.PostAsJsonAsync("/api/users", NewAccountBody("Epidemiologist"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withRole.StatusCode);
        Assert.True((await withRole.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("role", out _));

        var userName = $"sys{Guid.NewGuid():N}"[..16];
        var created = await sysadmin.PostAsJsonAsync("/api/users", new { userName, displayName = "无角色", password = "Chosen-By-Admin-9!" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("role").ValueKind);
        Assert.True(body.GetProperty("awaitsFirstSignIn").GetBoolean());

        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.PutAsJsonAsync($"/api/users/{id}/assignment", new { role = "Auditor" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.PostAsync($"/api/users/{id}/disable", null, Ct)).StatusCode);
        // Before a grant the account cannot be signed into at all, not even by its creator.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName, password = "Chosen-By-Admin-9!" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_administrator_duty_is_refused_the_others_actions()
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var secadmin = await app.SignedIn("secadmin");
        var auditor = await app.SignedIn("auditor");
        var commanderId = await IdOf(secadmin, "commander");

        // System administrator: creates accounts; no grants, no disabling, no audit, no personal data.
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.PutAsJsonAsync($"/api/users/{commanderId}/assignment", new { role = "Auditor" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.PostAsync($"/api/users/{commanderId}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.GetAsync("/api/audit/verify", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sysadmin.GetAsync("/api/people", Ct)).StatusCode);
        // Security administrator: grants; no creating accounts, no audit, no personal data.
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.PostAsJsonAsync("/api/users", NewAccountBody(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.GetAsync("/api/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await secadmin.GetAsync("/api/people", Ct)).StatusCode);
        // Auditor: reads the trail; nothing on accounts, configuration or data.
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/users", NewAccountBody(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PutAsJsonAsync($"/api/users/{commanderId}/assignment", new { role = "Auditor" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/people", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_change_their_own_role_or_scope()
    {
        var secadmin = await app.SignedIn("secadmin");
        var ownId = await IdOf(secadmin, "secadmin");

        var response = await secadmin.PutAsJsonAsync($"/api/users/{ownId}/assignment", new { role = "Epidemiologist", scopeDivisionCode = "3101" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var me = await secadmin.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal("SecurityAdmin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Neither_administrator_alone_can_sign_in_as_a_new_account_and_its_one_time_password_opens_only_the_password_change()
    {
        var (id, userName, code) = await app.CreateAndGrant("Epidemiologist", "310104");
        Task<HttpResponseMessage> Token(string password) => app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);

        // The creator knows only the initial password, the granter only the activation code.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(FangkongFactory.InitialPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(FangkongFactory.InitialPassword + "AAAAAAAAAA")).StatusCode);

        // Both together sign in, but the session can do nothing except change the password.
        var oneTime = await app.SignedIn(userName, FangkongFactory.InitialPassword + code);
        var me = await oneTime.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.True(me.GetProperty("mustChangePassword").GetBoolean());
        Assert.Empty(me.GetProperty("permissions").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await oneTime.GetAsync("/api/people", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oneTime.GetAsync("/api/facilities", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oneTime.GetAsync("/api/investigation/cases", Ct)).StatusCode);
        var weak = await oneTime.PostAsJsonAsync("/api/auth/password", new { currentPassword = FangkongFactory.InitialPassword + code, newPassword = "password123" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("newPassword", out _));

        var changed = await oneTime.PostAsJsonAsync("/api/auth/password", new { currentPassword = FangkongFactory.InitialPassword + code, newPassword = FangkongFactory.OwnPassword }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        // The change ends every session; the one-time password is gone; the owner's own works with the granted role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await oneTime.GetAsync("/api/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(FangkongFactory.InitialPassword + code)).StatusCode);
        var owner = await app.SignedIn(userName, FangkongFactory.OwnPassword);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/people", Ct)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var trail = await auditor.GetStringAsync($"/api/audit?objectId={id}&pageSize=100", Ct);
        Assert.Contains("user.password.change", trail);
        Assert.DoesNotContain(code, trail);
    }
}

public sealed class SeparationOfDutiesTestsOnSqlite(SqliteFactory app) : SeparationOfDutiesTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class SeparationOfDutiesTestsOnPostgres(PostgresFactory app) : SeparationOfDutiesTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

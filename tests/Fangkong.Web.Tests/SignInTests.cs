using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// Sign-in refusals must not tell by their timing what the answer hides (unknown, locked, disabled or a
// wrong password), and passwords are checked against a real list of leaked passwords.
public abstract class SignInTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TimeSpan> Timed(string userName, string password)
    {
        var client = app.Anonymous();
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return watch.Elapsed;
    }

    private static double Median(List<TimeSpan> times) => times.Select(t => t.TotalMilliseconds).Order().ElementAt(times.Count / 2);

    [Fact]
    public async Task A_locked_or_disabled_account_is_refused_as_slowly_as_an_unknown_user()
    {
        var locked = await app.NewAccount("Dispatcher", "310104");
        for (var i = 0; i < 5; i++) await Timed(locked.UserName, "wrong-password-1");
        var disabled = await app.NewAccount("Dispatcher", "310104");
        var secadmin = await app.SignedIn("secadmin");
        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.PostAsync($"/api/users/{disabled.Id}/disable", null, Ct)).StatusCode);

        // Interleaved, so load on the machine falls on every kind alike; the password hash (PBKDF2, tens of
        // milliseconds) dominates each answer once it is done on every path.
        List<TimeSpan> unknown = [], lockedTimes = [], disabledTimes = [];
        for (var i = 0; i < 7; i++)
        {
            unknown.Add(await Timed($"nobody{i}.{Guid.NewGuid():N}"[..20], locked.Password));
            lockedTimes.Add(await Timed(locked.UserName, locked.Password));
            disabledTimes.Add(await Timed(disabled.UserName, disabled.Password));
        }

        var reference = Median(unknown);
        Assert.True(Median(lockedTimes) > reference * 0.5, $"locked {Median(lockedTimes):0.0} ms vs unknown {reference:0.0} ms");
        Assert.True(Median(disabledTimes) > reference * 0.5, $"disabled {Median(disabledTimes):0.0} ms vs unknown {reference:0.0} ms");
    }

    [Theory]
    [InlineData("Zaq!2wsx")]
    [InlineData("Sasha_007")]
    [InlineData("Q1w2e3r4t5y6u7i8o9p0")]
    public async Task Passwords_on_the_leaked_password_list_are_refused(string password)
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var response = await sysadmin.PostAsJsonAsync("/api/users", new { userName = $"c{Guid.NewGuid():N}"[..12], displayName = "常见口令", password }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("常见", errors.GetProperty("password").ToString());
    }

    [Theory]
    [InlineData("Ward.Nurse", "Ward.Nurse#2026x")]
    [InlineData("ward.nurse", "My-WARD.NURSE-9x")]
    public async Task A_password_containing_the_user_name_in_any_case_is_refused(string userName, string password)
    {
        var sysadmin = await app.SignedIn("sysadmin");
        var name = $"{userName}{Guid.NewGuid():N}"[..14];
        var response = await sysadmin.PostAsJsonAsync("/api/users", new { userName = name, displayName = "含用户名", password = password.Replace(userName, name, StringComparison.OrdinalIgnoreCase) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("用户名", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("password").ToString());
    }

    [Fact]
    public async Task A_new_password_must_not_contain_the_user_name_either()
    {
        var account = await app.NewAccount("Dispatcher", "310104");
        var user = await app.SignedIn(account.UserName, account.Password);
        var response = await user.PostAsJsonAsync("/api/auth/password", new { currentPassword = account.Password, newPassword = account.UserName.ToUpperInvariant() + "-Xy9!" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("newPassword", out _));
    }
}

public sealed class SignInTestsOnSqlite(SqliteFactory app) : SignInTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class SignInTestsOnPostgres(PostgresFactory app) : SignInTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

public sealed class CommonPasswordListTests
{
    [Fact]
    public void The_common_password_list_holds_tens_of_thousands_of_leaked_passwords_and_ignores_case()
    {
        Assert.True(PasswordPolicy.CommonCount > 40_000, $"{PasswordPolicy.CommonCount} entries");
        Assert.True(PasswordPolicy.IsCommon("PASSWORD"));
        Assert.True(PasswordPolicy.IsCommon("woaini1314"));
        Assert.False(PasswordPolicy.IsCommon("Owners-Own-Passw0rd!"));
    }
}

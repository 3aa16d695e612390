using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// The same seeded database, served in production mode: the demo accounts and the demo password are
// refused, and the refusal says why in the audit trail only.
public sealed class ProductionFactory : SqliteFactoryBase
{
    protected override string Mode => "Production";
}

// A small sign-in budget, to see the limiter answer.
public sealed class RateLimitedFactory : SqliteFactoryBase
{
    protected override int SignInAttemptsPerMinute => 3;
}

public sealed class ProductionModeTests(ProductionFactory app) : IClassFixture<ProductionFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_accounts_are_refused_in_production_mode()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "commander", password = Fangkong.Web.Platform.Access.DemoAccounts.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var login = await app.Anonymous().GetStringAsync("/Account/Login", Ct);
        Assert.DoesNotContain(Fangkong.Web.Platform.Access.DemoAccounts.Password, login);
    }
}

public sealed class RateLimitTests(RateLimitedFactory app) : IClassFixture<RateLimitedFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_attempts_over_the_budget_get_429_with_Retry_After()
    {
        var client = app.Anonymous();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
            last = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "wrong-password-1" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.Equal("60", last.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", Ct)).StatusCode);
    }
}

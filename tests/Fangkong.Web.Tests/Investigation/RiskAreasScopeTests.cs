using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Investigation;

// Xuhui's epidemiologist and commander against Pudong's area risk levels and overrides: levels, history,
// summary and overrides of Pudong answer nothing or 404; computing, requesting, approving, rejecting and
// ending there answer 404 (or refuse), and the Pudong override stays as it was.
public abstract class RiskAreasScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Xuhui_reads_and_writes_nothing_of_Pudong_risk_levels_and_overrides()
    {
        var epi = await app.SignedIn("epi");
        var committee = await TestPeople.FirstCommittee(epi, "310115");
        var reason = $"浦东范围测试-{Guid.NewGuid():N}"[..20];
        var requested = await epi.PostAsJsonAsync("/api/risk-areas/overrides", new { divisionCode = committee, level = "Sealed", reason }, Ct);
        Assert.True(requested.StatusCode == HttpStatusCode.Created, await requested.Content.ReadAsStringAsync(Ct));
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var xuhuiEpi = await app.UserWithScope("Epidemiologist", "310104");
        var probe = new ScopeProbe(xuhuiEpi, id.ToString(), reason, committee);
        await probe.NothingOf("/api/risk-areas?division=310115");
        await probe.NothingOf($"/api/risk-areas?division={committee}");
        await probe.NothingOf("/api/risk-areas/summary?division=310115");
        await probe.NothingOf($"/api/risk-areas/{committee}/history");
        await probe.NothingOf("/api/risk-areas/overrides?division=310115");
        await probe.Without("/api/risk-areas/overrides");
        await probe.WriteRefused($"/api/risk-areas/compute?division={committee}", new { });
        await probe.WriteRefused("/api/risk-areas/overrides", new { divisionCode = committee, level = "Sealed", reason = "越区封控测试" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/risk-areas/overrides/{id}/end");

        var xuhuiCommander = await app.UserWithScope("CityCommander", "310104");
        var approver = new ScopeProbe(xuhuiCommander, id.ToString(), reason, committee);
        await approver.WriteNotFound(HttpMethod.Post, $"/api/risk-areas/overrides/{id}/approve", new { note = "同意" });
        await approver.WriteNotFound(HttpMethod.Post, $"/api/risk-areas/overrides/{id}/reject", new { note = "不同意" });
        Assert.Equal((6, 5), (probe.Reads + approver.Reads, probe.Writes + approver.Writes));

        var overrides = await epi.GetStringAsync("/api/risk-areas/overrides?division=310115", Ct);
        Assert.Contains(reason, overrides);
        Assert.Contains("Requested", overrides);
    }
}

public sealed class RiskAreasScopeTestsOnSqlite(SqliteFactory app) : RiskAreasScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class RiskAreasScopeTestsOnPostgres(PostgresFactory app) : RiskAreasScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

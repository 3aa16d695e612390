using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.HealthStatus;

// Xuhui's worker against a Pudong resident's health status: the status by id and issuing a code answer 404,
// without the person's name, ID number or colour reasons.
public abstract class HealthStatusScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Xuhui_reads_and_issues_nothing_for_a_Pudong_resident()
    {
        var pudong = await app.SignedIn("pudong");
        var committee = await TestPeople.FirstCommittee(pudong, "310115");
        var idNumber = TestPeople.UniqueIdNumber("310115");
        var created = await pudong.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber, "范围测"), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var xuhui = await app.SignedIn("xuhui");
        var probe = new ScopeProbe(xuhui, id.ToString(), idNumber);
        await probe.NotFound($"/api/health-status/people/{id}");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/health-status/people/{id}/codes", version: null);
        Assert.Equal((1, 1), (probe.Reads, probe.Writes));
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/api/health-status/people/{id}", Ct)).StatusCode);
    }
}

public sealed class HealthStatusScopeTestsOnSqlite(SqliteFactory app) : HealthStatusScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class HealthStatusScopeTestsOnPostgres(PostgresFactory app) : HealthStatusScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

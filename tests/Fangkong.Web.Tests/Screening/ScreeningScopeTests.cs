using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Screening;

// A Xuhui epidemiologist against a Pudong street's screening round: the round, its completion, uncovered
// residents, export and controls answer 404, closing it and uploading samples 404, and no list names it.
public abstract class ScreeningScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Xuhui_epidemiologist_reads_and_writes_nothing_of_a_Pudong_round()
    {
        var epi = await app.SignedIn("epi");
        var streets = (await epi.GetFromJsonAsync<JsonElement[]>("/api/divisions/310115/children", Ct))!;
        var street = streets[0].GetProperty("code").GetString()!;
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).ToString("yyyy-MM-dd");
        var name = $"浦东范围测试-{Guid.NewGuid():N}"[..20];
        var created = await epi.PostAsJsonAsync("/api/screening/rounds", new { areaCode = street, name, date = today, deadline = $"{today} 23:00", poolSize = 10 }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();

        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var probe = new ScopeProbe(xuhui, name, street);
        await probe.Without("/api/screening/rounds");
        await probe.NotFound($"/api/screening/rounds/{id}");
        await probe.NotFound($"/api/screening/rounds/{id}/completion");
        await probe.NotFound($"/api/screening/rounds/{id}/completion?parent={street}");
        await probe.NotFound($"/api/screening/rounds/{id}/uncovered");
        await probe.NotFound($"/api/screening/rounds/{id}/completion.xlsx");
        await probe.NotFound($"/api/screening/rounds/{id}/controls");
        await probe.NothingOf("/api/screening/points?division=310115");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/screening/rounds/{id}/close");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/screening/rounds/{id}/samples", new { }, version: null);
        await probe.WriteNotFound(HttpMethod.Post, $"/api/screening/controls/{Guid.NewGuid()}/reveal", new { field = "idNumber", reason = "核对身份信息" }, version: null);
        Assert.Equal((8, 3), (probe.Reads, probe.Writes));

        var round = await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{id}", Ct);
        Assert.Equal(name, round.GetProperty("name").GetString());
    }
}

public sealed class ScreeningScopeTestsOnSqlite(SqliteFactory app) : ScreeningScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class ScreeningScopeTestsOnPostgres(PostgresFactory app) : ScreeningScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

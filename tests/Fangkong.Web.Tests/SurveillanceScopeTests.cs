using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// Xuhui's worker against Pudong's daily reports: curves, R(t), demand, warnings and the overview of Pudong
// carry none of its counts, and recording a Pudong report is refused, leaving it as it was.
public abstract class SurveillanceScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Xuhui_reads_and_writes_nothing_of_Pudong_daily_reports()
    {
        var pudong = await app.SignedIn("pudong");
        var committee = await TestPeople.FirstCommittee(pudong, "310115");
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd");
        const int marker = 4321;
        var recorded = await pudong.PutAsJsonAsync($"/api/surveillance/reports/{committee}/{day}", new { mild = marker }, Ct);
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync(Ct));

        var xuhui = await app.SignedIn("xuhui");
        // The committee code itself is what the caller asks about (echoed back); the count is the secret.
        var probe = new ScopeProbe(xuhui, marker.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await probe.NothingOf($"/api/surveillance/{committee}/curve");
        await probe.NothingOf($"/api/surveillance/310115/curve");
        await probe.NothingOf($"/api/surveillance/310115/rt");
        await probe.NothingOf($"/api/surveillance/310115/warnings");
        await probe.NothingOf("/api/overview/310115");
        await probe.Without("/api/surveillance/310104/curve");
        await probe.WriteRefused($"/api/surveillance/reports/{committee}/{day}", new { mild = 1 }, HttpMethod.Put);
        Assert.Equal((6, 1), (probe.Reads, probe.Writes));

        var curve = await pudong.GetStringAsync($"/api/surveillance/{committee}/curve", Ct);
        Assert.Contains(marker.ToString(System.Globalization.CultureInfo.InvariantCulture), curve);
    }
}

public sealed class SurveillanceScopeTestsOnSqlite(SqliteFactory app) : SurveillanceScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class SurveillanceScopeTestsOnPostgres(PostgresFactory app) : SurveillanceScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

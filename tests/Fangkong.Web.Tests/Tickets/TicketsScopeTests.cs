using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Tickets;

// Xuhui's hotline worker against a Pudong ticket: lists, analysis, the ticket by id and every step on
// it answer nothing or 404, and no answer carries its id, number or description.
public abstract class TicketsScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Xuhui_reads_and_writes_nothing_of_a_Pudong_ticket()
    {
        var pudong = await app.SignedIn("pudong");
        var place = await TestPeople.FirstCommittee(pudong, "310115");
        var secret = $"浦东范围测试-{Guid.NewGuid():N}"[..20];
        var created = await pudong.PostAsJsonAsync("/api/tickets", new { category = "Medicine", place, description = secret, urgency = "Normal" }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var ticket = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ticket");
        var id = ticket.GetProperty("id").GetGuid();
        var number = ticket.GetProperty("number").GetString()!;

        var xuhui = await app.SignedIn("xuhui");
        var probe = new ScopeProbe(xuhui, id.ToString(), number, secret);
        await probe.Without("/api/tickets?pageSize=500");
        await probe.NothingOf("/api/tickets?division=310115&pageSize=500");
        await probe.NothingOf($"/api/tickets?division={place}&pageSize=500");
        await probe.Without("/api/tickets/analysis");
        await probe.NotFound($"/api/tickets/{id}");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/tickets/{id}/replies", new { text = "已处理" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/tickets/{id}/escalate", new { reason = "超时" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/tickets/{id}/close", new { satisfaction = 5, note = "好" });
        Assert.Equal((5, 3), (probe.Reads, probe.Writes));

        var analysis = await xuhui.GetFromJsonAsync<JsonElement>("/api/tickets/analysis", Ct);
        Assert.DoesNotContain("310115", analysis.ToString());
    }
}

public sealed class TicketsScopeTestsOnSqlite(SqliteFactory app) : TicketsScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class TicketsScopeTestsOnPostgres(PostgresFactory app) : TicketsScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

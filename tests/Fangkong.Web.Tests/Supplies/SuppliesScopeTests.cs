using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Supplies;

// A Xuhui supplies officer against a Pudong stock node: its stock, movements, requests and orders answer
// nothing or 404, movements and requests naming it are refused, and its ledger is unchanged.
public abstract class SuppliesScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Xuhui_supplies_officer_reads_and_writes_nothing_of_a_Pudong_stock_node()
    {
        var supplies = await app.SignedIn("supplies");
        var committee = await TestPeople.FirstCommittee(supplies, "310115");
        var created = await supplies.PostAsJsonAsync("/api/facilities",
            new { kind = "Pharmacy", name = $"范围测试药店 {Guid.NewGuid():N}"[..20], divisionCode = committee, address = "测试路 1 号" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var node = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var products = (await supplies.GetFromJsonAsync<JsonElement[]>("/api/supplies/products", Ct))!;
        var product = products.Single(p => p.GetProperty("code").GetString() == "IBU-300").GetProperty("id").GetGuid();
        var lot = $"SCOPE-{Guid.NewGuid():N}"[..16];
        var received = await supplies.PostAsJsonAsync("/api/supplies/movements", new { facilityId = node, productId = product, reason = "Receipt", quantity = 100, lot }, Ct);
        Assert.True(received.IsSuccessStatusCode, await received.Content.ReadAsStringAsync(Ct));

        var xuhui = await app.UserWithScope("SuppliesTaskForce", "310104");
        var probe = new ScopeProbe(xuhui, node.ToString(), lot);
        await probe.NotFound($"/api/supplies/stock?facilityId={node}");
        await probe.NotFound($"/api/supplies/stock/{node}");
        await probe.Without($"/api/supplies/movements?facilityId={node}&pageSize=500");
        await probe.Without("/api/supplies/movements?pageSize=500");
        await probe.Without($"/api/supplies/requests?facilityId={node}");
        await probe.Without($"/api/supplies/orders?facilityId={node}&pageSize=500");
        await probe.Without($"/api/supplies/days-of-supply?productId={product}&division=310115");
        await probe.WriteRefused("/api/supplies/movements", new { facilityId = node, productId = product, reason = "Issue", quantity = 10 });
        await probe.WriteRefused("/api/supplies/requests", new { facilityId = node, productId = product, units = 10, reason = "缺货" });
        Assert.Equal((7, 2), (probe.Reads, probe.Writes));

        var stock = await supplies.GetFromJsonAsync<JsonElement>($"/api/supplies/stock?facilityId={node}", Ct);
        Assert.Contains("100", stock.ToString());
        var movements = await supplies.GetFromJsonAsync<JsonElement>($"/api/supplies/movements?facilityId={node}", Ct);
        Assert.Single(movements.GetProperty("items").EnumerateArray());
    }
}

public sealed class SuppliesScopeTestsOnSqlite(SqliteFactory app) : SuppliesScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class SuppliesScopeTestsOnPostgres(PostgresFactory app) : SuppliesScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

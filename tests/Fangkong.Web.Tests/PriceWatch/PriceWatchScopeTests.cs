using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.PriceWatch;

// A Xuhui reviewer against a Pudong pharmacy's price finding: the list, the finding by id and closing it
// answer nothing or 404; a Xuhui pharmacist cannot report sales for the Pudong pharmacy.
public abstract class PriceWatchScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> Pharmacy(string district)
    {
        var supplies = await app.SignedIn("supplies");
        var committee = await TestPeople.FirstCommittee(supplies, district);
        var created = await supplies.PostAsJsonAsync("/api/facilities", TestPeople.Facility(committee, $"范围测试药房-{Guid.NewGuid():N}"[..16]), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_Xuhui_reviewer_reads_and_closes_nothing_of_a_Pudong_finding()
    {
        var pudongPharmacy = await Pharmacy("310115");
        var pharmacist = await app.UserWithScope("Pharmacist", facility: pudongPharmacy);
        var sold = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales",
            new { productCode = "IBU-300", quantity = 2, unitPrice = 30.00m, buyerIdNumber = TestPeople.UniqueIdNumber("310115") }, Ct);
        Assert.Equal(HttpStatusCode.Created, sold.StatusCode);
        var page = await (await app.SignedIn("supplies")).GetFromJsonAsync<JsonElement>("/api/pricewatch/flags?kind=price&pageSize=500", Ct);
        var flag = page.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("facilityId").GetGuid() == pudongPharmacy);
        var flagId = flag.GetProperty("id").GetGuid();

        var xuhui = await app.UserWithScope("SuppliesTaskForce", "310104");
        var probe = new ScopeProbe(xuhui, flagId.ToString(), pudongPharmacy.ToString());
        await probe.Without("/api/pricewatch/flags?pageSize=500");
        await probe.Without("/api/pricewatch/flags?kind=price&pageSize=500");
        await probe.NotFound($"/api/pricewatch/flags/{flagId}");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/pricewatch/flags/{flagId}/close", new { outcome = "Dismissed", note = "误报" });
        Assert.Equal((3, 1), (probe.Reads, probe.Writes));

        // A Xuhui pharmacy's account naming the Pudong pharmacy in a report: refused, nothing stored for it.
        var xuhuiPharmacist = await app.UserWithScope("Pharmacist", facility: await Pharmacy("310104"));
        var foreign = await xuhuiPharmacist.PostAsJsonAsync("/api/pricewatch/sales",
            new { facilityId = pudongPharmacy, productCode = "IBU-300", quantity = 1, unitPrice = 18.50m, buyerIdNumber = TestPeople.UniqueIdNumber("310104") }, Ct);
        Assert.False(foreign.IsSuccessStatusCode);
        Assert.DoesNotContain(flagId.ToString(), await foreign.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class PriceWatchScopeTestsOnSqlite(SqliteFactory app) : PriceWatchScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class PriceWatchScopeTestsOnPostgres(PostgresFactory app) : PriceWatchScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

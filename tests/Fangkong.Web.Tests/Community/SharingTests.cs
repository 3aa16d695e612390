using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Community;

// 药物共享共济: offers matched to asks, the same committee before the same street, urgent and key
// populations first; prescription-only and expired stock refused at the door.
public abstract class SharingTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/community/sharing/{path}", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task An_offer_in_the_same_committee_goes_to_the_most_pressing_ask_and_the_street_serves_the_next()
    {
        var xuhui = await app.SignedIn("xuhui");
        var (_, committees) = await RequestsTests<TFactory>.Street(xuhui, "310104");
        var (home, neighbour) = (committees[0], committees[1]);
        var medicine = $"测试退烧药 {Guid.NewGuid():N}"[..20];

        var streetOffer = await Post(xuhui, "offers", new { divisionCode = neighbour, productName = medicine, quantity = 1, expiry = app.Clock.Day(220), donor = "8号楼 201" });
        var homeOffer = await Post(xuhui, "offers", new { divisionCode = home, productName = medicine, quantity = 1, expiry = app.Clock.Day(312), donor = "2号楼 502" });
        var ordinary = await Post(xuhui, "asks", new { divisionCode = home, productName = medicine, quantity = 1, requester = "3号楼 101" });
        var pressing = await Post(xuhui, "asks", new { divisionCode = home, productName = medicine, quantity = 1, urgent = true, keyPopulation = true, requester = "6号楼 303" });

        var matches = (await (await xuhui.PostAsync("/api/community/sharing/match", null, Ct)).Content.ReadFromJsonAsync<JsonElement[]>(Ct))!;
        var first = matches.Single(m => m.GetProperty("askId").GetGuid() == pressing);
        Assert.Equal(homeOffer, first.GetProperty("offerId").GetGuid());
        Assert.Equal("committee", first.GetProperty("reach").GetString());
        var second = matches.Single(m => m.GetProperty("askId").GetGuid() == ordinary);
        Assert.Equal(streetOffer, second.GetProperty("offerId").GetGuid());
        Assert.Equal("street", second.GetProperty("reach").GetString());

        // The hand-over is recorded against the ask's current version.
        var board = await xuhui.GetFromJsonAsync<JsonElement>("/api/community/sharing", Ct);
        var ask = board.GetProperty("asks").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == pressing);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/community/sharing/asks/{pressing}/handover");
        message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ask.GetProperty("version").GetInt32()}\""));
        var handed = await xuhui.SendAsync(message, Ct);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal("HandedOver", (await handed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());

        // 浦东 sees none of it.
        var pudong = await app.SignedIn("pudong");
        Assert.DoesNotContain(medicine, await pudong.GetStringAsync("/api/community/sharing", Ct));
        Assert.Contains(medicine, await (await RequestsTests<TFactory>.Session(app, "xuhui")).GetStringAsync("/Community/Sharing", Ct));
    }

    [Fact]
    public async Task Prescription_only_and_expired_offers_are_refused_with_the_field_named()
    {
        var xuhui = await app.SignedIn("xuhui");
        var (_, committees) = await RequestsTests<TFactory>.Street(xuhui, "310104");

        var prescription = await xuhui.PostAsJsonAsync("/api/community/sharing/offers",
            new { divisionCode = committees[0], productCode = "AZV-1", quantity = 2, expiry = app.Clock.Day(220), donor = "1号楼" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, prescription.StatusCode);
        Assert.True((await prescription.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("productCode", out _));

        var expired = await xuhui.PostAsJsonAsync("/api/community/sharing/offers",
            new { divisionCode = committees[0], productCode = "IBU-300", quantity = 2, expiry = app.Clock.Day(-1), donor = "1号楼" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.True((await expired.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("expiry", out _));

        var fine = await xuhui.PostAsJsonAsync("/api/community/sharing/offers",
            new { divisionCode = committees[0], productCode = "IBU-300", quantity = 2, expiry = app.Clock.Day(0), donor = "1号楼" }, Ct);
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }
}

public sealed class SharingTestsOnSqlite(SqliteFactory app) : SharingTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class SharingTestsOnPostgres(PostgresFactory app) : SharingTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Features.Community.Sharing;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Community;

// Requests and sharing feed the supplies module's view of need: what residents of a committee still
// wait for shows up in the need, and the plan line's explanation, of the community health centre of
// their street — and leaves it once a neighbour's offer meets the ask.
public abstract class CommunityNeedTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Antigen tests: a product the demo seeding never asks for, so only this test's asks and requests move its need.
    private async Task<JsonElement?> CentreLine(HttpClient supplies, Guid centre)
    {
        var created = await supplies.PostAsJsonAsync("/api/supplies/plans", new { productCode = "AG-1", scope = "310104", basis = "requests" }, Ct);
        if (created.StatusCode == HttpStatusCode.BadRequest) return null; // no site in the district asks for it yet
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var plan = await supplies.GetFromJsonAsync<JsonElement>($"/api/supplies/plans/{id}", Ct);
        return plan.GetProperty("sites").EnumerateArray().Where(s => s.GetProperty("facilityId").GetGuid() == centre).Select(s => (JsonElement?)s).FirstOrDefault();
    }

    private static long Community(JsonElement? line) => line?.GetProperty("community").GetInt64() ?? 0;

    [Fact]
    public async Task Open_asks_and_medicine_requests_of_a_committee_add_to_its_community_health_centres_need_until_matched()
    {
        var commander = await app.SignedIn("commander");
        var centres = (await commander.GetFromJsonAsync<JsonElement>("/api/facilities?kind=CommunityHealthCentre&division=310104&pageSize=100", Ct))
            .GetProperty("items").EnumerateArray().Select(f => (Id: f.GetProperty("id").GetGuid(), Division: f.GetProperty("divisionCode").GetString()!))
            .Where(f => f.Division.Length >= 9).ToList();
        Assert.NotEmpty(centres);
        var xuhui = await app.SignedIn("xuhui");
        var supplies = await app.SignedIn("supplies");
        // A street with one centre, so the rule has no choice to make; its committees are the centre's.
        var (centre, street) = centres.GroupBy(c => c.Division[..9]).Where(g => g.Count() == 1).Select(g => (g.Single().Id, g.Key)).First();
        var committee = (await xuhui.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street}/children", Ct))!
            .Select(c => c.GetProperty("code").GetString()!).First(c => c.Length == 12);

        var before = Community(await CentreLine(supplies, centre));
        var ask = await xuhui.PostAsJsonAsync("/api/community/sharing/asks", new
        {
            divisionCode = committee, productCode = "AG-1", quantity = 3, urgent = true, keyPopulation = true, requester = "9号楼 402",
        }, Ct);
        Assert.True(ask.StatusCode == HttpStatusCode.Created, await ask.Content.ReadAsStringAsync(Ct));
        var request = await xuhui.PostAsJsonAsync("/api/community/requests", new
        {
            divisionCode = committee, kind = "medicine", description = "家里有人发烧，需要新型冠状病毒抗原检测试剂盒", building = "9号楼", room = "402", phone = "13900002222",
        }, Ct);
        Assert.True(request.StatusCode == HttpStatusCode.Created, await request.Content.ReadAsStringAsync(Ct));
        // A request for something else does not count.
        await xuhui.PostAsJsonAsync("/api/community/requests", new
        {
            divisionCode = committee, kind = "medicine", description = "需要降压药", building = "9号楼", room = "403", phone = "13900003333",
        }, Ct);

        var line = await CentreLine(supplies, centre);
        Assert.NotNull(line);
        Assert.Equal(before + 3 + 1, Community(line));
        Assert.True(line.Value.GetProperty("need").GetInt64() >= before + 4);
        Assert.Contains("共享求药", line.Value.GetProperty("communityNote").GetString());

        // A neighbour's offer meets the ask: only the request is left waiting.
        var offer = await xuhui.PostAsJsonAsync("/api/community/sharing/offers", new
        {
            divisionCode = committee, productCode = "AG-1", quantity = 3, expiry = app.Clock.Day(400), donor = "2号楼 101",
        }, Ct);
        Assert.True(offer.StatusCode == HttpStatusCode.Created, await offer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await xuhui.PostAsync("/api/community/sharing/match", null, Ct)).StatusCode);
        Assert.Equal(before + 1, Community(await CentreLine(supplies, centre)));
    }
}

public sealed class CommunityNeedTestsOnSqlite(SqliteFactory app) : CommunityNeedTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class CommunityNeedTestsOnPostgres(PostgresFactory app) : CommunityNeedTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

public sealed class GenericNameTests
{
    [Theory]
    [InlineData("布洛芬缓释胶囊 0.3g×20粒", "布洛芬")]
    [InlineData("对乙酰氨基酚片 0.5g×12片", "对乙酰氨基酚")]
    [InlineData("奈玛特韦片/利托那韦片组合包装", "奈玛特韦")]
    [InlineData("连花清瘟胶囊 0.35g×24粒", "连花清瘟")]
    [InlineData("N95 医用防护口罩", "N95")]
    public void A_request_names_a_medicine_by_its_generic_name(string product, string generic) =>
        Assert.Equal(generic, CommunityMedicineDemand.GenericName(product));
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Community;

// The key-population register through the HTTP pipeline: a roster import with bad rows, the risk
// grade, a low-oxygen check-in raising a green-channel alert, and the one action that makes the
// resident a patient with a transport request the dispatcher sees.
public abstract class KeyPopulationsTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Elder(string committee) =>
        TestPeople.IdNumber(committee[..6], new DateOnly(1938 + Random.Shared.Next(5), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)), Random.Shared.Next(2) == 0);

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string csv, string mode)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "roster.csv" } };
        return await client.PostAsync($"/api/community/key-populations/import?mode={mode}", form, Ct);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, int version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_roster_with_bad_rows_is_reported_row_by_row_and_stores_all_or_the_good_ones()
    {
        var xuhui = await app.SignedIn("xuhui");
        var committee = await TestPeople.FirstCommittee(xuhui, "310104");
        var elder = Elder(committee);
        var csv = string.Join("\r\n",
            "姓名,身份证号,电话,居住地区划代码,慢性病,孕妇,残疾,独居,疫苗剂次,末次接种日期,家庭医生,社区工作者",
            $"李奶奶,{elder},13800000011,{committee},高血压；糖尿病,否,否,是,0,,王医生,张社工",
            $"王爷爷,110101199001011235,13800000012,{committee},高血压,否,否,否,3,2022-05-01,,",
            $"赵爷爷,{Elder(committee)},13800000013,{committee},风湿,否,否,否,2,2022-05-01,,",
            $"钱奶奶,{Elder(committee)},13800000014,310115000000,,否,否,否,1,,,");

        var all = await Upload(xuhui, csv, "all");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        var report = (await all.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("report");
        Assert.Equal(3, report.GetProperty("rejected").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "idNumber"), errors);
        Assert.Contains((4, "conditions"), errors);
        Assert.Contains(errors, e => e.Item1 == 5 && e.Item2 == "divisionCode");
        var none = await xuhui.GetFromJsonAsync<JsonElement>($"/api/community/key-populations?division={committee}", Ct);
        Assert.DoesNotContain(none.GetProperty("items").EnumerateArray(), k => k.GetProperty("familyDoctor").GetString() == "王医生");

        var valid = await Upload(xuhui, csv, "valid");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(1, (await valid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("imported").GetInt32());
        var listed = await xuhui.GetFromJsonAsync<JsonElement>($"/api/community/key-populations?division={committee}&minAge=80&unvaccinated=true", Ct);
        var resident = Assert.Single(listed.GetProperty("items").EnumerateArray(), k => k.GetProperty("familyDoctor").GetString() == "王医生");
        // 80+ (3) + two conditions (2) + living alone (1) + unvaccinated (2) = 8 points: very high.
        Assert.Equal(4, resident.GetProperty("riskGrade").GetInt32());
        Assert.DoesNotContain(elder, resident.GetProperty("idNumber").GetString());

        // The same roster again: the registered elder is now a duplicate, refused by ID number.
        var again = await Upload(xuhui, string.Join("\r\n", csv.Split("\r\n").Take(2)), "all");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task A_low_oxygen_check_in_raises_an_alert_and_the_green_channel_opens_a_transport_request()
    {
        var xuhui = await app.SignedIn("xuhui");
        var committee = await TestPeople.FirstCommittee(xuhui, "310104");
        var created = await xuhui.PostAsJsonAsync("/api/community/key-populations", new
        {
            name = "孙奶奶", idNumber = Elder(committee), phone = "13800000021", divisionCode = committee,
            conditions = new[] { "COPD" }, vaccineDoses = 1, livingAlone = true,
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var version = (await xuhui.GetFromJsonAsync<JsonElement>($"/api/community/key-populations/{id}", Ct)).GetProperty("version").GetInt32();

        var bad = await Post(xuhui, $"/api/community/key-populations/{id}/check-ins", version, new { method = "fax", spO2 = 120, temperature = 50 });
        var badFields = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(badFields.TryGetProperty("method", out _) && badFields.TryGetProperty("spO2", out _) && badFields.TryGetProperty("temperature", out _));

        var low = await Post(xuhui, $"/api/community/key-populations/{id}/check-ins", version, new { method = "visit", spO2 = 89, temperature = 37.9 });
        Assert.True(low.StatusCode == HttpStatusCode.OK, await low.Content.ReadAsStringAsync(Ct));
        Assert.True((await low.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("escalated").GetBoolean());
        var alerts = (await xuhui.GetFromJsonAsync<JsonElement[]>("/api/community/green-channel", Ct))!;
        var alert = Assert.Single(alerts, a => a.GetProperty("keyResidentId").GetGuid() == id);
        Assert.Equal("Open", alert.GetProperty("status").GetString());

        var sent = await Post(xuhui, $"/api/community/green-channel/{alert.GetProperty("id").GetGuid()}/send", alert.GetProperty("version").GetInt32());
        Assert.True(sent.StatusCode == HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(Ct));
        var after = await sent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Sent", after.GetProperty("status").GetString());
        Assert.Equal("Waiting", after.GetProperty("patientStatus").GetString());

        var dispatcher = await app.SignedIn("dispatcher");
        var requests = (await dispatcher.GetFromJsonAsync<JsonElement[]>("/api/transport/requests?status=Open", Ct))!;
        var request = Assert.Single(requests, r => r.GetProperty("id").GetGuid() == after.GetProperty("transportRequestId").GetGuid());
        Assert.Equal("GreenChannel", request.GetProperty("source").GetString());
        Assert.Equal("Severe", request.GetProperty("severity").GetString());

        var pudong = await app.SignedIn("pudong");
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/api/community/key-populations/{id}", Ct)).StatusCode);
    }
}

public sealed class KeyPopulationsTestsOnSqlite(SqliteFactory app) : KeyPopulationsTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class KeyPopulationsTestsOnPostgres(PostgresFactory app) : KeyPopulationsTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

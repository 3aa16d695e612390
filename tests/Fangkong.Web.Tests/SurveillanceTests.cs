using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

public abstract class SurveillanceTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Header = "date,divisionCode,asymptomatic,mild,moderate,severe,critical,imported,recovered,died";

    private static MultipartFormDataContent Csv(string body, string name = "reports.csv")
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(body)), "file", name);
        return content;
    }

    private static async Task<List<string>> Committees(HttpClient client, string district, int count)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        var result = new List<string>();
        foreach (var street in streets)
        {
            foreach (var c in (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street.GetProperty("code").GetString()}/children", Ct))!)
            {
                result.Add(c.GetProperty("code").GetString()!);
                if (result.Count == count) return result;
            }
        }
        return result;
    }

    // Tests of a class share one database, so each looks only at the days it wrote.
    private static async Task<JsonElement> Curve(HttpClient client, string code, string from, string to) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/surveillance/{code}/curve?from={from}&to={to}", Ct);

    private static long Total(JsonElement curve) => curve.GetProperty("summary").GetProperty("totalInfections").GetInt64();

    [Fact]
    public async Task Reimporting_a_day_replaces_it_without_double_counting()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var c = await Committees(epi, "310104", 3);
        var first = $"{Header}\n2022-07-01,{c[0]},10,2,1,0,0,1,0,0\n2022-07-01,{c[1]},5,0,0,0,0,0,0,0\n2022-07-02,{c[2]},7,1,0,0,0,0,0,0\n";
        var response = await epi.PostAsync("/api/surveillance/reports/import", Csv(first), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("imported").GetInt32());
        Assert.Equal(26, Total(await Curve(epi, "310104", "2022-07-01", "2022-07-02")));

        var again = $"{Header}\n2022-07-01,{c[0]},3,0,0,0,0,0,0,0\n";
        Assert.Equal(HttpStatusCode.OK, (await epi.PostAsync("/api/surveillance/reports/import", Csv(again), Ct)).StatusCode);
        Assert.Equal(26 - 13 + 3, Total(await Curve(epi, "310104", "2022-07-01", "2022-07-02")));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_and_nothing_partial_is_stored()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var c = await Committees(epi, "310104", 2);
        var before = Total(await Curve(epi, "310104", "2022-08-01", "2022-08-04"));
        var body = $"{Header}\n2022-08-01,{c[0]},1,0,0,0,0,0,0,0\n2022-08-32,{c[1]},1,0,0,0,0,0,0,0\n2022-08-02,999999999999,1,0,0,0,0,0,0,0\n2022-08-03,{c[1]},1,x,0,0,0,0,0,0\n2022-08-04,{c[1]},1,0,0,0,0,5,0,0\n";
        var response = await epi.PostAsync("/api/surveillance/reports/import", Csv(body), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("report");
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "date"), errors);
        Assert.Contains((4, "divisionCode"), errors);
        Assert.Contains((5, "mild"), errors);
        Assert.Contains((6, "imported"), errors);
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(before, Total(await Curve(epi, "310104", "2022-08-01", "2022-08-04")));
    }

    [Fact]
    public async Task A_Xuhui_user_cannot_report_for_Pudong_and_sees_only_Xuhui_in_the_city_curve()
    {
        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var commander = await app.SignedIn("commander");
        var pudong = await Committees(commander, "310115", 1);
        var response = await xuhui.PostAsync("/api/surveillance/reports/import", Csv($"{Header}\n2022-07-05,{pudong[0]},4,0,0,0,0,0,0,0\n"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("jurisdiction", await response.Content.ReadAsStringAsync(Ct));

        var cityForXuhui = await xuhui.GetFromJsonAsync<JsonElement>("/api/surveillance/3101/curve", Ct);
        var xuhuiOwn = await xuhui.GetFromJsonAsync<JsonElement>("/api/surveillance/310104/curve", Ct);
        Assert.Equal(Total(xuhuiOwn), Total(cityForXuhui));
        var cityForCommander = await commander.GetFromJsonAsync<JsonElement>("/api/surveillance/3101/curve", Ct);
        Assert.True(Total(cityForCommander) > Total(cityForXuhui));
    }

    [Fact]
    public async Task A_committee_and_its_street_cannot_both_report_the_same_day()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var c = await Committees(epi, "310104", 1);
        var street = c[0][..9];
        var response = await epi.PostAsync("/api/surveillance/reports/import", Csv($"{Header}\n2022-07-09,{street},4,0,0,0,0,0,0,0\n2022-07-09,{c[0]},1,0,0,0,0,0,0,0\n"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);

        var put = await epi.PutAsJsonAsync($"/api/surveillance/reports/{street}/2022-07-10", new { mild = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var clash = await epi.PutAsJsonAsync($"/api/surveillance/reports/{c[0]}/2022-07-10", new { mild = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Contains("divisionCode", await clash.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_reproduction_number_of_the_demo_wave_has_ordered_credible_intervals()
    {
        var commander = await app.SignedIn("commander");
        var rt = await commander.GetFromJsonAsync<JsonElement>("/api/surveillance/310115/rt", Ct);
        var windows = rt.GetProperty("windows").EnumerateArray().ToList();
        Assert.NotEmpty(windows);
        foreach (var w in windows)
        {
            var q = new[] { "q025", "q05", "q25", "median", "q75", "q95", "q975" }.Select(k => w.GetProperty(k).GetDouble()).ToList();
            Assert.Equal(q.OrderBy(x => x), q);
        }
        Assert.True(windows[^1].GetProperty("mean").GetDouble() > 1, "Pudong's late wave is still growing in the demo data");
        Assert.Equal(HttpStatusCode.BadRequest, (await commander.GetAsync("/api/surveillance/310115/rt?siMean=0.5", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_lockdown_scenario_lowers_the_projected_peak_and_the_fan_is_ordered()
    {
        var commander = await app.SignedIn("commander");
        var response = await commander.PostAsJsonAsync("/api/surveillance/310115/scenarios",
            new { days = 90, draws = 50, scenario = new { contactChanges = new[] { new { day = 5, multiplier = 0.4 } } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var r = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(r.GetProperty("scenario").GetProperty("peakNewInfections").GetDouble() < r.GetProperty("baseline").GetProperty("peakNewInfections").GetDouble());
        Assert.True(r.GetProperty("comparison").GetProperty("peakReductionPercent").GetDouble() > 0);
        var p5 = r.GetProperty("baselineFan").GetProperty("p5").EnumerateArray().Select(x => x.GetDouble()).ToList();
        var p95 = r.GetProperty("baselineFan").GetProperty("p95").EnumerateArray().Select(x => x.GetDouble()).ToList();
        Assert.Equal(90, p5.Count);
        Assert.All(p5.Zip(p95), p => Assert.True(p.First <= p.Second + 1e-9));

        var bad = await commander.PostAsJsonAsync("/api/surveillance/310115/scenarios", new { days = 5, scenario = new { contactChanges = new[] { new { day = 1, multiplier = -1 } } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("days", out _));
        Assert.True(errors.TryGetProperty("scenario.contactChanges[0].multiplier", out _));
    }

    [Fact]
    public async Task The_resource_demand_forecast_counts_beds_in_use_from_admissions_and_drug_courses_per_symptomatic_case()
    {
        var commander = await app.SignedIn("commander");
        var f = await commander.GetFromJsonAsync<JsonElement>("/api/surveillance/310115/demand?days=28", Ct);
        var series = f.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("daily").EnumerateArray().Select(x => x.GetDouble()).ToArray());
        Assert.Equal(28, series["newInfections"].Length);
        foreach (var key in new[] { "newInfections", "symptomatic", "feverClinicVisits", "wardCensus", "icuCensus", "ventilatorCensus", "shelterCensus", "ambulanceTransfers" })
            Assert.All(series[key], v => Assert.True(v >= 0, key));
        // Symptomatic cases are a part of new infections; ICU beds in use exceed one day's ICU admissions.
        Assert.All(series["symptomatic"].Zip(series["newInfections"]), p => Assert.True(p.First <= p.Second + 0.1));
        Assert.True(series["icuCensus"][^1] > series["icuAdmissions"][^1]);
        var antipyretic = f.GetProperty("drugCourses")[0].GetProperty("daily").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(series["symptomatic"], antipyretic);
        Assert.True(f.GetProperty("capacity").GetProperty("icuCensus").GetDouble() > 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await commander.GetAsync("/api/surveillance/310115/demand?days=2", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_Excel_report_file_imports_like_a_CSV()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var c = await Committees(epi, "310104", 1);
        var xlsx = TestWorkbook.Xlsx([
            ["日期", "区划代码", "无症状", "轻型", "普通型", "重型", "危重型", "境外输入", "治愈", "死亡"],
            ["2022-09-01", c[0], 4, 1, 0, 0, 0, 0, 0, 0],
        ]);
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(xlsx), "file", "reports.xlsx");
        var response = await epi.PostAsync("/api/surveillance/reports/import", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, Total(await Curve(epi, c[0], "2022-09-01", "2022-09-01")));
    }

    [Fact]
    public async Task The_demo_city_warns_that_Pudong_will_run_out_of_ICU_beds_with_the_numbers_behind_it()
    {
        var commander = await app.SignedIn("commander");
        var warnings = await commander.GetFromJsonAsync<JsonElement[]>("/api/surveillance/3101/warnings", Ct);
        var icu = Assert.Single(warnings!, w => w.GetProperty("resource").GetString() == "icu" && w.GetProperty("divisionCode").GetString() == "310115");
        Assert.True(icu.GetProperty("demand").GetDouble() > icu.GetProperty("capacity").GetDouble());
        Assert.InRange(icu.GetProperty("daysUntil").GetInt32(), 1, 28);
        Assert.Contains("浦东新区", icu.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(icu.GetProperty("evidence").GetString()));

        // A Xuhui user is told nothing about Pudong.
        var xuhui = await app.UserWithScope("CommunityWorker", "310104");
        var theirs = await xuhui.GetFromJsonAsync<JsonElement[]>("/api/surveillance/3101/warnings", Ct);
        Assert.DoesNotContain(theirs!, w => w.GetProperty("divisionCode").GetString() == "310115");
    }
}

public sealed class SurveillanceTestsOnSqlite(SqliteFactory app) : SurveillanceTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class SurveillanceTestsOnPostgres(PostgresFactory app) : SurveillanceTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

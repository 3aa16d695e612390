using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fangkong.Web.Tests.Screening;

// Mass screening through the HTTP pipeline: rounds, the streamed sampling-record ingest with its row
// report, lab results (idempotent, conflicts), a positive pool to controls, retests and the case
// intake, completion per committee, health-status reasons, and jurisdiction.
public abstract class ScreeningTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Header = "试管编码,混采人数,采样点编号,采样时间,身份证号,姓名,电话,居住地居委会代码";
    private static int _serial = Random.Shared.Next(1000, 9000);

    // Today in China on the test clock (02:00 UTC = 10:00 CST).
    private string Today => app.Clock.GetUtcNow().UtcDateTime.AddHours(8).ToString("yyyy-MM-dd");
    private string Earlier => app.Clock.GetUtcNow().UtcDateTime.AddHours(8).AddMinutes(-30).ToString("yyyy-MM-dd HH:mm");

    private static string Tube(string prefix) => $"{prefix}{Interlocked.Increment(ref _serial):D6}{Random.Shared.Next(1000, 9999)}";

    private static string Id(string region, int n) =>
        TestPeople.IdNumber(region, new DateOnly(1950, 1, 1).AddDays(n / 400 + Random.Shared.Next(20_000)), n % 2 == 0);

    private static async Task<List<string>> Committees(HttpClient client, string district, int street)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{streets[street].GetProperty("code").GetString()}/children", Ct))!;
        return [.. committees.Select(c => c.GetProperty("code").GetString()!)];
    }

    private async Task<int> OpenRound(HttpClient client, string area, string? deadline = null, int poolSize = 10)
    {
        var response = await client.PostAsJsonAsync("/api/screening/rounds", new
        {
            areaCode = area, name = "测试轮次", date = Today, deadline = deadline ?? $"{Today} 23:00", poolSize,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, int round, string csv, string mode)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync($"/api/screening/rounds/{round}/samples?mode={mode}", content, Ct);
    }

    private static Task<HttpResponseMessage> Results(HttpClient lab, params (string Tube, string Result)[] results) =>
        lab.PostAsJsonAsync("/api/screening/results", new { results = results.Select(r => new { tubeCode = r.Tube, result = r.Result }) }, Ct);

    private string Row(string tube, int pool, string id, string committee, string name = "张三", string phone = "13912345678") =>
        $"{tube},{pool},,{Earlier},{id},{name},{phone},{committee}";

    [Fact]
    public async Task A_round_names_the_bad_field_and_cannot_be_opened_outside_the_callers_scope()
    {
        var epi = await app.SignedIn("epi");
        var bad = await epi.PostAsJsonAsync("/api/screening/rounds", new { areaCode = "31", name = "", date = "22/11/2026", deadline = "tomorrow", poolSize = 50 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "areaCode", "name", "date", "deadline", "poolSize" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");

        var xuhuiEpi = await app.UserWithScope("Epidemiologist", "310104");
        var outside = await xuhuiEpi.PostAsJsonAsync("/api/screening/rounds", new { areaCode = "310115", name = "浦东", date = Today, deadline = $"{Today} 23:00" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);

        var worker = await app.SignedIn("xuhui");
        var refused = await worker.PostAsJsonAsync("/api/screening/rounds", new { areaCode = "310104", name = "x", date = Today, deadline = $"{Today} 23:00" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_round_outside_the_callers_jurisdiction_answers_404_everywhere()
    {
        var epi = await app.SignedIn("epi");
        var committees = await Committees(epi, "310104", 1);
        var round = await OpenRound(epi, committees[0][..9]);
        var pudong = await app.SignedIn("pudong");
        foreach (var url in new[] { $"/api/screening/rounds/{round}", $"/api/screening/rounds/{round}/completion", $"/api/screening/rounds/{round}/uncovered",
                     $"/api/screening/rounds/{round}/controls", $"/api/screening/rounds/{round}/completion.xlsx" })
            Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Upload(pudong, round, Header + "\n" + Row(Tube("J"), 1, Id("310104", 1), committees[0]), "all")).StatusCode);
        Assert.DoesNotContain((await pudong.GetFromJsonAsync<JsonElement[]>("/api/screening/rounds", Ct))!, r => r.GetProperty("id").GetInt32() == round);

        var xuhui = await app.SignedIn("xuhui");
        Assert.Equal(HttpStatusCode.OK, (await xuhui.GetAsync($"/api/screening/rounds/{round}", Ct)).StatusCode);
        // A committee's worker sees the street's round but only its own committee's completion.
        var committeeWorker = await app.UserWithScope("CommunityWorker", committees[1]);
        var table = await committeeWorker.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}/completion", Ct);
        Assert.Equal(committees[1], Assert.Single(table.GetProperty("rows").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await committeeWorker.GetAsync($"/api/screening/rounds/{round}/completion?parent={committees[0]}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Completion_counts_distinct_residents_against_each_committees_population()
    {
        var epi = await app.SignedIn("epi");
        var committees = await Committees(epi, "310104", 2);
        var street = committees[0][..9];
        var round = await OpenRound(epi, street);
        var (a, b) = (committees[0], committees[1]);
        var twice = Id("310104", 7);
        string Tube1 = Tube("C"), Tube2 = Tube("C");
        var rows = new List<string> { Header };
        rows.AddRange(Enumerable.Range(0, 5).Select(i => Row(Tube1, 5, i == 0 ? twice : Id("310104", 100 + i), a)));
        rows.Add(Row(Tube2, 4, twice, a));                     // swabbed again: still one resident
        rows.Add(Row(Tube2, 4, Id("310104", 200), a));
        rows.Add(Row(Tube2, 4, Id("310104", 201), b));
        var ok = await Upload(epi, round, string.Join("\n", rows), "all");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(8, (await ok.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("imported").GetInt32());

        var divisions = (await epi.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street}/children", Ct))!
            .ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("population").GetInt64());
        var table = await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}/completion", Ct);
        var byCode = table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);
        Assert.Equal(6, byCode[a].GetProperty("sampled").GetInt64());
        Assert.Equal(1, byCode[b].GetProperty("sampled").GetInt64());
        Assert.Equal(divisions[a], byCode[a].GetProperty("expected").GetInt64());
        Assert.Equal(6.0 / divisions[a], byCode[a].GetProperty("rate").GetDouble(), 12);
        var total = table.GetProperty("total");
        Assert.Equal(7, total.GetProperty("sampled").GetInt64());
        Assert.Equal(divisions.Values.Sum(), total.GetProperty("expected").GetInt64());
        Assert.Equal(divisions.Count - 2, total.GetProperty("uncovered").GetInt32());

        var uncovered = (await epi.GetFromJsonAsync<JsonElement[]>($"/api/screening/rounds/{round}/uncovered", Ct))!;
        Assert.Equal(divisions.Keys.Except([a, b]).Order(), uncovered.Select(u => u.GetProperty("code").GetString()!).Order());

        // Drill-down from the district: the street is one row with the same totals.
        var district = await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}/completion?parent={street}", Ct);
        Assert.Equal(7, district.GetProperty("total").GetProperty("sampled").GetInt64());
        var export = await epi.GetAsync($"/api/screening/rounds/{round}/completion.xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.True((await export.Content.ReadAsByteArrayAsync(Ct)).Length > 1000);
    }

    [Fact]
    public async Task Lab_results_are_idempotent_conflicts_are_reported_and_unknown_tubes_store_nothing()
    {
        var epi = await app.SignedIn("epi");
        var committees = await Committees(epi, "310104", 3);
        var round = await OpenRound(epi, committees[0][..9]);
        string t1 = Tube("L"), t2 = Tube("L");
        var csv = string.Join("\n", Header, Row(t1, 1, Id("310104", 1), committees[0]), Row(t2, 1, Id("310104", 2), committees[0]));
        Assert.Equal(HttpStatusCode.OK, (await Upload(epi, round, csv, "all")).StatusCode);
        var lab = await app.SignedIn("lab");

        var unknown = await Results(lab, (t1, "negative"), ("NOSUCHTUBE1", "negative"), (t2, "maybe"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("results[2].result", out _), errors.ToString());
        var onlyUnknown = await Results(lab, (t1, "negative"), ("NOSUCHTUBE1", "negative"));
        Assert.True((await onlyUnknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("results[1].tubeCode", out _));

        var first = await (await Results(lab, (t1, "negative"), (t2, "阴性"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, first.GetProperty("recorded").GetInt32());   // so the rejected batches stored nothing
        var again = await (await Results(lab, (t1, "negative"), (t2, "negative"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, again.GetProperty("recorded").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        var conflict = await (await Results(lab, (t1, "positive"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var c = Assert.Single(conflict.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(t1, c.GetProperty("tubeCode").GetString());
        Assert.Equal("Negative", c.GetProperty("stored").GetString());
        Assert.Equal(0, conflict.GetProperty("positivePools").GetInt32());
        var summary = await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}", Ct);
        Assert.Equal(0, summary.GetProperty("positive").GetInt64());

        // The same through a file: a conflicting row is reported; "all" stores nothing, "valid" the rest.
        string t3 = Tube("L");
        Assert.Equal(HttpStatusCode.OK, (await Upload(epi, round, Header + "\n" + Row(t3, 1, Id("310104", 3), committees[0]), "all")).StatusCode);
        var file = $"试管编码,检测结果,检测时间\n{t1},阳性,\n{t3},阴性,\nNOSUCH-TUBE,阴性,\n";
        async Task<HttpResponseMessage> Import(string mode)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "results.csv" } };
            return await lab.PostAsync($"/api/screening/results/import?mode={mode}", form, Ct);
        }
        var all = await Import("all");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        var report = (await all.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("report");
        var rowsAndFields = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "result"), rowsAndFields);
        Assert.Contains((4, "tubeCode"), rowsAndFields);
        Assert.Equal(0, (await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}", Ct)).GetProperty("pending").GetInt64() - 1);
        var valid = await Import("valid");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(1, (await valid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("imported").GetInt32());
        Assert.Equal(0, (await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}", Ct)).GetProperty("pending").GetInt64());
    }

    [Fact]
    public async Task A_positive_pool_puts_members_under_control_schedules_retests_and_a_positive_retest_reaches_the_case_intake()
    {
        var intake = new RecordingIntake();
        var changes = new RecordingChanges();
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<ICaseIntake>(intake);
            s.AddSingleton<IHealthStatusChanges>(changes);
        }));
        var epi = await SignIn(host, "epi");
        var lab = await SignIn(host, "lab");
        var committees = await Committees(epi, "310104", 4);
        var round = await OpenRound(epi, committees[0][..9]);
        var pool = Tube("P");
        var members = Enumerable.Range(0, 3).Select(i => Id("310104", 300 + i)).ToList();
        var csv = string.Join("\n", [Header, .. members.Select((m, i) => Row(pool, 10, m, committees[i % 2], name: $"王{i}", phone: $"1391234500{i}"))]);
        Assert.Equal(HttpStatusCode.OK, (await Upload(epi, round, csv, "all")).StatusCode);

        var positive = await (await Results(lab, (pool, "positive"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, positive.GetProperty("positivePools").GetInt32());
        Assert.Equal(3, positive.GetProperty("retestsScheduled").GetInt32());
        var controls = (await epi.GetFromJsonAsync<JsonElement[]>($"/api/screening/rounds/{round}/controls", Ct))!;
        Assert.Equal(3, controls.Length);
        Assert.All(controls, c => Assert.Equal("AwaitingRetest", c.GetProperty("status").GetString()));
        Assert.All(controls, c => Assert.Contains("*", c.GetProperty("idNumber").GetString()));
        Assert.Empty(intake.Reported);
        Assert.Equal(3, changes.Changed.Count);

        // Each member became a person whose status is yellow: pool positive, awaiting retest.
        var person = controls[0].GetProperty("personId").GetGuid();
        Assert.Contains(await Reasons(host, person), r => r.Colour == HealthColour.Yellow && r.Code == "screening.poolPositive");

        // Retests: one negative (cleared), one positive (red, reported to the investigation).
        var retests = controls.Select(c => c.GetProperty("retestCode").GetString()!).Order().ToList();
        var answer = await (await Results(lab, (retests[0], "negative"), (retests[1], "positive"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, answer.GetProperty("positivePeople").GetInt32());
        var after = (await epi.GetFromJsonAsync<JsonElement[]>($"/api/screening/rounds/{round}/controls", Ct))!
            .ToDictionary(c => c.GetProperty("retestCode").GetString()!);
        Assert.Equal("Cleared", after[retests[0]].GetProperty("status").GetString());
        Assert.Equal("Positive", after[retests[1]].GetProperty("status").GetString());
        Assert.Equal("AwaitingRetest", after[retests[2]].GetProperty("status").GetString());
        var reported = Assert.Single(intake.Reported);
        var positivePerson = after[retests[1]].GetProperty("personId").GetGuid();
        Assert.Equal(positivePerson, reported.Person);
        Assert.Equal(DetectionRoute.Screening, reported.Route);
        Assert.Equal(reported.CaseId, after[retests[1]].GetProperty("caseId").GetGuid());
        Assert.Contains(await Reasons(host, positivePerson), r => r.Colour == HealthColour.Red && r.Code == "screening.positive");
        Assert.DoesNotContain(await Reasons(host, after[retests[0]].GetProperty("personId").GetGuid()), r => r.Code.StartsWith("screening.pool"));

        // Revealing a member's number is permitted to the epidemiologist, with a reason, and audited.
        var reveal = await epi.PostAsJsonAsync($"/api/screening/controls/{after[retests[1]].GetProperty("id").GetGuid()}/reveal", new { field = "idNumber", reason = "联系复核" }, Ct);
        Assert.Contains((await reveal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("value").GetString(), members);
        Assert.Equal(HttpStatusCode.BadRequest, (await epi.PostAsJsonAsync($"/api/screening/controls/{after[retests[1]].GetProperty("id").GetGuid()}/reveal", new { field = "idNumber" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_positive_single_tube_opens_a_confirmed_case_in_the_investigation_module()
    {
        var epi = await app.SignedIn("epi");
        var lab = await app.SignedIn("lab");
        var committees = await Committees(epi, "310104", 6);
        var round = await OpenRound(epi, committees[0][..9]);
        var single = Tube("S");
        var csv = new StringContent(Header + "\n" + Row(single, 1, Id("310104", 13), committees[0]), Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await epi.PostAsync($"/api/screening/rounds/{round}/samples?mode=all", csv, Ct)).StatusCode);
        await Results(lab, (single, "positive"));
        var control = Assert.Single((await epi.GetFromJsonAsync<JsonElement[]>($"/api/screening/rounds/{round}/controls", Ct))!);
        var opened = await epi.GetFromJsonAsync<JsonElement>($"/api/investigation/cases/{control.GetProperty("caseId").GetGuid()}", Ct);
        Assert.Equal("Confirmed", opened.GetProperty("case").GetProperty("category").GetString());
        Assert.Equal("Screening", opened.GetProperty("case").GetProperty("route").GetString());
        Assert.Equal(committees[0], opened.GetProperty("case").GetProperty("divisionCode").GetString());
    }

    [Fact]
    public async Task Without_a_case_intake_a_positive_is_kept_with_a_note_to_report_by_hand()
    {
        // A deployment without the investigation module.
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.RemoveAll<ICaseIntake>()));
        var epi = await SignIn(host, "epi");
        var lab = await SignIn(host, "lab");
        var committees = await Committees(epi, "310104", 5);
        var round = await OpenRound(epi, committees[0][..9]);
        var single = Tube("S");
        // As the import page sends it: a multipart form with the file, streamed by the endpoint.
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Header + "\n" + Row(single, 1, Id("310104", 9), committees[0]))), "file", "samples.csv" } };
        Assert.Equal(HttpStatusCode.OK, (await epi.PostAsync($"/api/screening/rounds/{round}/samples?mode=all", form, Ct)).StatusCode);
        var excel = new MultipartFormDataContent { { new ByteArrayContent([0x50, 0x4B, 0x03, 0x04]), "file", "samples.xlsx" } };
        var refused = await epi.PostAsync($"/api/screening/rounds/{round}/samples?mode=all", excel, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("file", out _));
        var answer = await (await Results(lab, (single, "positive"))).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, answer.GetProperty("positivePeople").GetInt32());
        var control = Assert.Single((await epi.GetFromJsonAsync<JsonElement[]>($"/api/screening/rounds/{round}/controls", Ct))!);
        Assert.Equal("Positive", control.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, control.GetProperty("caseId").ValueKind);
        Assert.Contains("by hand", control.GetProperty("intakeNote").GetString());
    }

    [Fact]
    public async Task A_resident_not_sampled_by_the_deadline_is_yellow_for_overdue_screening()
    {
        var epi = await app.SignedIn("epi");
        var committees = await Committees(epi, "310104", 6);
        var committee = committees[0];
        var sampled = Id("310104", 11);
        var skipped = Id("310104", 12);
        var ids = new Dictionary<string, Guid>();
        foreach (var id in new[] { sampled, skipped })
        {
            var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, id), Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids[id] = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        }
        Guid PersonOf(string id) => ids[id];
        var deadline = app.Clock.GetUtcNow().UtcDateTime.AddHours(8).AddMinutes(20);
        var round = await OpenRound(epi, committee, deadline.ToString("yyyy-MM-dd HH:mm"));
        Assert.Equal(HttpStatusCode.OK, (await Upload(epi, round, Header + "\n" + Row(Tube("O"), 1, sampled, committee), "all")).StatusCode);

        Assert.DoesNotContain(await Reasons(app, PersonOf(skipped)), r => r.Code == "screening.overdue");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Contains(await Reasons(app, PersonOf(skipped)), r => r.Colour == HealthColour.Yellow && r.Code == "screening.overdue");
        Assert.DoesNotContain(await Reasons(app, PersonOf(sampled)), r => r.Code == "screening.overdue");
    }

    [Fact]
    public async Task A_bulk_upload_of_20000_rows_reports_bad_rows_by_number_and_field_and_stores_all_or_the_good_ones()
    {
        var epi = await app.SignedIn("epi");
        var committees = await Committees(epi, "310104", 7);
        var round = await OpenRound(epi, committees[0][..9]);
        var csv = new StringBuilder(Header).Append('\n');
        var prefix = Tube("B");
        for (var i = 0; i < 20_000; i++)
        {
            var line = i + 2;
            var tube = $"{prefix}-{i / 10:D5}";
            var id = TestPeople.IdNumber("310104", new DateOnly(1940, 1, 1).AddDays(i / 400), i % 2 == 0);
            id = $"{id[..14]}{i % 400 + 100:D3}";
            id += ResidentIdNumber.CheckDigit(id);
            var row = line switch
            {
                5 => Row(tube, 10, id[..17] + (id[17] == '0' ? '1' : '0'), committees[0]),   // wrong check digit
                7 => Row(tube, 10, id, committees[0], phone: "12345"),
                100 => Row(tube, 10, id, "310115000000"),
                1000 => $"{tube},10,,2026-13-01 09:00,{id},张三,13912345678,{committees[i % committees.Count]}",
                _ => Row(tube, 10, id, committees[i % committees.Count]),
            };
            csv.Append(row).Append('\n');
        }
        var text = csv.ToString();

        var all = await Upload(epi, round, text, "all");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        var report = (await all.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("report");
        Assert.Equal(20_000, report.GetProperty("totalRows").GetInt32());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(5, "idNumber"), (7, "phone"), (100, "committeeCode"), (1000, "collectedAt")], errors);
        Assert.All(report.GetProperty("errors").EnumerateArray().Where(e => e.GetProperty("field").GetString() is "idNumber" or "phone"),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("value").ValueKind));
        Assert.Equal(0, (await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}/completion", Ct)).GetProperty("total").GetProperty("sampled").GetInt64());

        var valid = await Upload(epi, round, text, "valid");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        var stored = await valid.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(19_996, stored.GetProperty("imported").GetInt32());
        Assert.Equal(2_000, stored.GetProperty("tubes").GetInt32());
        Assert.Equal(19_996, (await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}/completion", Ct)).GetProperty("total").GetProperty("sampled").GetInt64());

        // The same file again adds nothing: every row's tube is already in, and each row says so.
        var again = await (await Upload(epi, round, text, "valid")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var againReport = again.TryGetProperty("report", out var r) ? r : again;
        Assert.Equal(0, againReport.GetProperty("imported").GetInt32());
        Assert.Equal(20_000, againReport.GetProperty("errorCount").GetInt32());
        Assert.Equal(19_996, (await epi.GetFromJsonAsync<JsonElement>($"/api/screening/rounds/{round}/completion", Ct)).GetProperty("total").GetProperty("sampled").GetInt64());
    }

    private static async Task<HttpClient> SignIn(WebApplicationFactory<Program> host, string user)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Platform.Access.DemoAccounts.Password }, Ct);
        var token = await response.Content.ReadFromJsonAsync<FangkongFactory.TokenResponse>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private static async Task<IReadOnlyList<HealthStatusReason>> Reasons(WebApplicationFactory<Program> host, Guid person)
    {
        await using var scope = host.Services.CreateAsyncScope();
        // As HealthStatusService runs them: contributors read with the system's scope (they refuse any other).
        scope.ServiceProvider.GetRequiredService<Fangkong.Web.Platform.Access.JurisdictionContext>().Current = Fangkong.Web.Platform.Access.Jurisdiction.System;
        var reasons = new List<HealthStatusReason>();
        foreach (var contributor in scope.ServiceProvider.GetServices<IHealthStatusContributor>())
            reasons.AddRange(await contributor.ReasonsAsync(person, Ct));
        return reasons;
    }

    private sealed class RecordingIntake : ICaseIntake
    {
        public List<(Guid Person, DetectionRoute Route, Guid CaseId)> Reported { get; } = [];

        public Task<Guid> ReportPositiveAsync(Guid personId, DateTime detectedAtUtc, DetectionRoute route, string? note, CancellationToken ct)
        {
            var id = Guid.NewGuid();
            lock (Reported) Reported.Add((personId, route, id));
            return Task.FromResult(id);
        }
    }

    private sealed class RecordingChanges : IHealthStatusChanges
    {
        public HashSet<Guid> Changed { get; } = [];
        public Task PersonChangedAsync(Guid personId, CancellationToken ct) { lock (Changed) Changed.Add(personId); return Task.CompletedTask; }
        public Task PeopleChangedAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct) { lock (Changed) Changed.UnionWith(personIds); return Task.CompletedTask; }
    }
}

public sealed class ScreeningTestsOnSqlite(SqliteFactory app) : ScreeningTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class ScreeningTestsOnPostgres(PostgresFactory app) : ScreeningTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

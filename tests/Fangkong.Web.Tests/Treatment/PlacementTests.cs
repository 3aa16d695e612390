using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests.Treatment;

// Placement through the HTTP pipeline: the engine's plan, and approval racing for the last bed.
// Each test builds a hospital with a one-bed ward in a residents' committee of its own and places
// only that committee's patients into only that committee's wards, so the numbers are exact.
public abstract class PlacementTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> EmptyCommittee(HttpClient client)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/310104/children", Ct))!;
        foreach (var street in streets.OrderBy(_ => Random.Shared.Next()))
        {
            var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street.GetProperty("code").GetString()}/children", Ct))!;
            foreach (var committee in committees.OrderBy(_ => Random.Shared.Next()))
            {
                var code = committee.GetProperty("code").GetString()!;
                if ((await client.GetFromJsonAsync<JsonElement>($"/api/facilities/count?division={code}", Ct)).GetProperty("count").GetInt32() == 0
                    && !await AnyPatientLivesIn(code))
                    return code;
            }
        }
        throw new InvalidOperationException("no empty committee");
    }

    // The demo city has patients of its own; a test's committee must have none.
    private async Task<bool> AnyPatientLivesIn(string committee)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        return await scope.ServiceProvider.GetRequiredService<FangkongDb>().Patients.AnyAsync(p => p.DivisionCode == committee, Ct);
    }

    // A designated hospital in the committee with one ward of `beds` beds at `level`; patients living
    // there, registered through PatientFlow as the platform would (system scope, no HTTP needed).
    private async Task<(string Committee, Guid Ward, List<Guid> Patients)> World(BedLevel level, int beds, params Severity[] severities)
    {
        var commander = await app.SignedIn("commander");
        var committee = await EmptyCommittee(commander);
        var created = await commander.PostAsJsonAsync("/api/facilities", new
        {
            kind = "DesignatedHospital", name = $"收治测试医院 {Guid.NewGuid():N}"[..20], divisionCode = committee, address = "测试路 2 号",
            latitude = 31.19, longitude = 121.44, beds = 100, icuBeds = 10,
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var hospital = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
        // The platform's clock, not the machine's: validation compares detection times with it.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var ward = Ward.Open(Guid.CreateVersion7(), hospital, committee, committee[..6], level, "测试病区", beds, 0, 5, now);
        db.Wards.Add(ward);
        await db.SaveChangesAsync(Ct);
        var flow = scope.ServiceProvider.GetRequiredService<PatientFlow>();
        var patients = new List<Guid>();
        var hour = 0;
        foreach (var severity in severities)
        {
            // Under 65, so that severity alone sets each patient's class.
            var young = TestPeople.IdNumber(committee[..6], new DateOnly(1980 + Random.Shared.Next(20), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)), Random.Shared.Next(2) == 0);
            var registered = await flow.RegisterAsync(new PatientInput(null, "测试患者", young, null, committee,
                severity.ToString(), false, false, now.AddHours(-10 + hour++)), Ct);
            var done = registered as Platform.Api.WriteOutcome<Patient>.Done;
            Assert.True(done is not null, $"registration failed: {registered}");
            patients.Add(done.Value.Id);
        }
        return (committee, ward.Id, patients);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, int version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> Run(HttpClient client, string committee)
    {
        var run = await client.PostAsJsonAsync("/api/treatment/placements", new { scope = committee, wardScope = committee }, Ct);
        Assert.True(run.StatusCode == HttpStatusCode.Created, await run.Content.ReadAsStringAsync(Ct));
        var id = (await run.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        return await client.GetFromJsonAsync<JsonElement>($"/api/treatment/placements/{id}", Ct);
    }

    private static JsonElement Line(JsonElement placement, Guid patient) =>
        placement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("patientId").GetGuid() == patient);

    [Fact]
    public async Task When_the_ward_is_short_the_more_severe_patient_gets_the_bed_and_the_other_waits_with_a_reason()
    {
        var (committee, ward, patients) = await World(BedLevel.Icu, 1, Severity.Severe, Severity.Critical);
        var medical = await app.SignedIn("medical");
        var placement = await Run(medical, committee);
        Assert.Equal(1, placement.GetProperty("placed").GetInt32());
        Assert.Equal(ward, Line(placement, patients[1]).GetProperty("wardId").GetGuid());
        var severe = Line(placement, patients[0]);
        Assert.Equal(JsonValueKind.Null, severe.GetProperty("wardId").ValueKind);
        Assert.Equal("shortPriorityShare", severe.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_ward_below_the_patients_level_is_refused_in_an_adjustment()
    {
        var (committee, ward, patients) = await World(BedLevel.Ordinary, 5, Severity.Critical, Severity.Moderate);
        var medical = await app.SignedIn("medical");
        var placement = await Run(medical, committee);
        Assert.Equal(JsonValueKind.Null, Line(placement, patients[0]).GetProperty("wardId").ValueKind);
        Assert.Equal(ward, Line(placement, patients[1]).GetProperty("wardId").GetGuid());
        var refused = await Post(medical, $"/api/treatment/placements/{placement.GetProperty("id").GetGuid()}/adjust",
            placement.GetProperty("version").GetInt32(), new { patientId = patients[0], wardId = ward });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("wardId", out _));
    }

    [Fact]
    public async Task Two_coordinators_approving_at_once_for_the_last_bed_exactly_one_wins()
    {
        var (committee, ward, patients) = await World(BedLevel.Ordinary, 1, Severity.Moderate, Severity.Moderate);
        var first = await app.SignedIn("medical");
        var second = await app.SignedIn("medical");
        var a = await Run(first, committee);
        var b = await Run(second, committee);
        // Both drafts put the longer-waiting patient in the one bed; the second coordinator moves it to the other patient.
        Assert.Equal(ward, Line(a, patients[0]).GetProperty("wardId").GetGuid());
        var bId = b.GetProperty("id").GetGuid();
        var moved = await Post(second, $"/api/treatment/placements/{bId}/adjust", b.GetProperty("version").GetInt32(), new { patientId = patients[0], wardId = (Guid?)null });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var movedView = await moved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var swapped = await Post(second, $"/api/treatment/placements/{bId}/adjust", movedView.GetProperty("version").GetInt32(), new { patientId = patients[1], wardId = ward });
        Assert.True(swapped.StatusCode == HttpStatusCode.OK, await swapped.Content.ReadAsStringAsync(Ct));
        var bVersion = (await swapped.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();

        var results = await Task.WhenAll(
            Post(first, $"/api/treatment/placements/{a.GetProperty("id").GetGuid()}/approve", a.GetProperty("version").GetInt32()),
            Post(second, $"/api/treatment/placements/{bId}/approve", bVersion));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        var loser = results.Single(r => r.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, loser.StatusCode);
        Assert.True((await loser.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("wards", out _));

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
        var stored = await db.Wards.AsNoTracking().SingleAsync(w => w.Id == ward, Ct);
        Assert.Equal(1, stored.Reserved);
        Assert.Equal(1, await db.Patients.CountAsync(p => patients.Contains(p.Id) && p.Status == PatientStatus.Reserved, Ct));
        Assert.Equal(1, await db.Patients.CountAsync(p => patients.Contains(p.Id) && p.Status == PatientStatus.Waiting, Ct));
    }

    [Fact]
    public async Task A_days_positives_import_reports_bad_rows_and_keeps_all_or_only_the_good_ones()
    {
        var medical = await app.SignedIn("medical");
        var committee = await EmptyCommittee(medical);
        var good1 = TestPeople.UniqueIdNumber(committee[..6]);
        var good2 = TestPeople.UniqueIdNumber(committee[..6]);
        var csv = string.Join("\r\n",
            "姓名,身份证号,电话,居住地区划代码,病情,慢性病,孕妇,检出时间",
            $"张一,{good1},13800000001,{committee},轻型,否,否,",
            $"张二,110101199001011235,13800000002,{committee},轻型,否,否,",
            $"张三,{good2},13800000003,{committee},重型,是,否,",
            $"张四,{TestPeople.UniqueIdNumber(committee[..6])},13800000004,{committee},很重,否,否,",
            $"张五,{TestPeople.UniqueIdNumber(committee[..6])},13800000005,{committee},轻型,否,否,2020-13-45");
        async Task<HttpResponseMessage> Upload(string mode)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "positives.csv" } };
            return await medical.PostAsync($"/api/treatment/positives/import?mode={mode}", form, Ct);
        }

        var all = await Upload("all");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        var report = (await all.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("report");
        Assert.Equal(3, report.GetProperty("rejected").GetInt32());
        var fields = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "idNumber"), fields);
        Assert.Contains((5, "severity"), fields);
        Assert.Contains((6, "detectedAt"), fields);
        Assert.False(await AnyPatientLivesIn(committee));

        var valid = await Upload("valid");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(2, (await valid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("imported").GetInt32());
        var placement = await medical.PostAsJsonAsync("/api/treatment/placements", new { scope = committee }, Ct);
        Assert.Equal(2, (await placement.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("patients").GetInt32());
    }

    [Fact]
    public async Task Bad_placement_requests_are_refused_by_field()
    {
        var medical = await app.SignedIn("medical");
        var bad = await medical.PostAsJsonAsync("/api/treatment/placements", new { scope = "31x", wardScope = "abc" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("scope", out _));
        var pudong = await app.SignedIn("pudong");
        Assert.Equal(HttpStatusCode.Forbidden, (await pudong.PostAsJsonAsync("/api/treatment/placements", new { scope = "310104" }, Ct)).StatusCode);
    }
}

public sealed class PlacementTestsOnSqlite(SqliteFactory app) : PlacementTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class PlacementTestsOnPostgres(PostgresFactory app) : PlacementTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

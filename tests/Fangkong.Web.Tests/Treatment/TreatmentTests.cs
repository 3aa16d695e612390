using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Treatment;

// Patient flow and the bed picture through the real HTTP pipeline. Each test opens its own
// designated hospital with its own wards, so the demo patients and other tests do not move its numbers.
public abstract class TreatmentTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Hospital(Guid Id, Guid Ordinary, Guid Icu, string Committee);

    private async Task<Hospital> NewHospital(HttpClient medical, int ordinaryBeds = 1, int icuBeds = 1, string district = "310104")
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, district);
        var created = await commander.PostAsJsonAsync("/api/facilities", new
        {
            kind = "DesignatedHospital", name = $"测试定点医院 {Guid.NewGuid():N}"[..20], divisionCode = committee, address = "测试路 1 号",
            latitude = 31.2, longitude = 121.4, beds = ordinaryBeds + icuBeds, icuBeds,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        return new Hospital(id, await NewWard(medical, id, "ordinary", ordinaryBeds), await NewWard(medical, id, "icu", icuBeds), committee);
    }

    private static async Task<Guid> NewWard(HttpClient client, Guid facility, string level, int beds)
    {
        var response = await client.PostAsJsonAsync("/api/treatment/wards", new { facilityId = facility, level, name = level + " 病区", beds, ventilators = 1, staffOnDuty = 5 }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<(Guid Id, int Version)> Register(HttpClient client, string committee, string severity)
    {
        var response = await client.PostAsJsonAsync("/api/treatment/patients", new
        {
            name = "李四", idNumber = TestPeople.UniqueIdNumber(committee[..6]), phone = "13812345678", divisionCode = committee, severity,
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("*", body.GetProperty("idNumber").GetString());
        return (body.GetProperty("id").GetGuid(), body.GetProperty("version").GetInt32());
    }

    private static async Task<HttpResponseMessage> Act(HttpClient client, Guid patient, int version, string action, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/treatment/patients/{patient}/{action}") { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(request, Ct);
    }

    private static async Task<int> Version(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
    }

    private static async Task<JsonElement> Errors(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

    private static async Task<JsonElement> Ward(HttpClient client, Guid facility, Guid ward) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/treatment/wards?facilityId={facility}", Ct))!.Single(w => w.GetProperty("id").GetGuid() == ward);

    [Fact]
    public async Task Admitting_to_a_full_ward_is_refused_naming_the_ward_and_nothing_changes()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical, ordinaryBeds: 1);
        var (first, v1) = await Register(medical, h.Committee, "moderate");
        await Version(await Act(medical, first, v1, "admit", new { wardId = h.Ordinary }));
        var (second, v2) = await Register(medical, h.Committee, "moderate");

        var refused = await Act(medical, second, v2, "admit", new { wardId = h.Ordinary });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Errors(refused)).TryGetProperty("wardId", out _));
        var ward = await Ward(medical, h.Id, h.Ordinary);
        Assert.Equal(1, ward.GetProperty("occupied").GetInt32());
        Assert.Equal(0, ward.GetProperty("free").GetInt32());
        var patient = await medical.GetFromJsonAsync<JsonElement>($"/api/treatment/patients/{second}", Ct);
        Assert.Equal("Waiting", patient.GetProperty("patient").GetProperty("status").GetString());
        Assert.Equal(v2, patient.GetProperty("patient").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Discharging_someone_not_admitted_is_refused()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical);
        var (patient, version) = await Register(medical, h.Committee, "mild");
        var refused = await Act(medical, patient, version, "discharge");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Errors(refused)).TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Unknown_wards_and_facilities_are_named()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical);
        var (patient, version) = await Register(medical, h.Committee, "moderate");
        var admit = await Act(medical, patient, version, "admit", new { wardId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, admit.StatusCode);
        Assert.True((await Errors(admit)).TryGetProperty("wardId", out _));
        var ward = await medical.PostAsJsonAsync("/api/treatment/wards", new { facilityId = Guid.NewGuid(), level = "ordinary", name = "x", beds = 5 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, ward.StatusCode);
        Assert.True((await Errors(ward)).TryGetProperty("facilityId", out _));
        var missing = await medical.GetAsync($"/api/treatment/patients/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var noIfMatch = await medical.PostAsJsonAsync($"/api/treatment/patients/{patient}/admit", new { wardId = h.Ordinary }, Ct);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
    }

    [Fact]
    public async Task A_critical_patient_is_not_admitted_to_an_ordinary_ward()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical);
        var (patient, version) = await Register(medical, h.Committee, "critical");
        var refused = await Act(medical, patient, version, "admit", new { wardId = h.Ordinary });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Errors(refused)).TryGetProperty("wardId", out _));
        Assert.Equal(0, (await Ward(medical, h.Id, h.Ordinary)).GetProperty("occupied").GetInt32());
        await Version(await Act(medical, patient, version, "admit", new { wardId = h.Icu }));
        Assert.Equal(1, (await Ward(medical, h.Id, h.Icu)).GetProperty("occupied").GetInt32());
    }

    [Fact]
    public async Task Discharge_waits_for_two_negative_tests_24_hours_apart()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical);
        var (patient, v) = await Register(medical, h.Committee, "moderate");
        v = await Version(await Act(medical, patient, v, "admit", new { wardId = h.Ordinary }));
        app.Clock.Advance(TimeSpan.FromDays(4));
        medical = await app.SignedIn("medical"); // the token idled out while the clock moved
        var now = app.Clock.GetUtcNow().UtcDateTime;

        v = await Version(await Act(medical, patient, v, "tests", new { takenAt = now.AddHours(-30), positive = false, ctValue = 38.0 }));
        var one = await Act(medical, patient, v, "discharge");
        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
        Assert.True((await Errors(one)).TryGetProperty("discharge", out _));

        // A second negative only 10 h later does not count.
        v = await Version(await Act(medical, patient, v, "tests", new { takenAt = now.AddHours(-20), positive = false }));
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(medical, patient, v, "discharge")).StatusCode);

        v = await Version(await Act(medical, patient, v, "tests", new { takenAt = now.AddHours(-2), positive = false }));
        await Version(await Act(medical, patient, v, "discharge"));
        var ward = await Ward(medical, h.Id, h.Ordinary);
        Assert.Equal(0, ward.GetProperty("occupied").GetInt32());
        var details = await medical.GetFromJsonAsync<JsonElement>($"/api/treatment/patients/{patient}", Ct);
        Assert.Equal("Discharged", details.GetProperty("patient").GetProperty("status").GetString());
        Assert.Equal(3, details.GetProperty("tests").GetArrayLength());
    }

    [Fact]
    public async Task Ward_counts_equal_the_sum_of_events_after_a_mixed_run()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical, ordinaryBeds: 5, icuBeds: 3);
        var ids = new List<(Guid Id, int V)>();
        for (var i = 0; i < 6; i++) ids.Add(await Register(medical, h.Committee, i < 2 ? "critical" : "moderate"));
        for (var i = 0; i < 6; i++) ids[i] = (ids[i].Id, await Version(await Act(medical, ids[i].Id, ids[i].V, "admit", new { wardId = i < 2 ? h.Icu : h.Ordinary })));
        // One moderate goes up to the ICU, one dies, one goes home, one critical is reassessed.
        ids[2] = (ids[2].Id, await Version(await Act(medical, ids[2].Id, ids[2].V, "transfer", new { wardId = h.Icu, note = "deteriorated" })));
        await Version(await Act(medical, ids[3].Id, ids[3].V, "death", new { note = "test" }));
        var sev = await Version(await Act(medical, ids[4].Id, ids[4].V, "severity", new { severity = "mild" }));
        await Version(await Act(medical, ids[4].Id, sev, "community"));
        await Version(await Act(medical, ids[0].Id, ids[0].V, "severity", new { severity = "severe" }));
        // A stale version is refused and changes nothing.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Act(medical, ids[5].Id, ids[5].V - 1, "discharge")).StatusCode);

        var ordinary = 0;
        var icu = 0;
        foreach (var (id, _) in ids)
        {
            var events = (await medical.GetFromJsonAsync<JsonElement>($"/api/treatment/patients/{id}", Ct)).GetProperty("events").EnumerateArray().ToList();
            foreach (var e in events)
            {
                var into = e.TryGetProperty("toWardId", out var to) && to.ValueKind == JsonValueKind.String ? to.GetGuid() : (Guid?)null;
                var from = e.TryGetProperty("fromWardId", out var f) && f.ValueKind == JsonValueKind.String ? f.GetGuid() : (Guid?)null;
                var kind = e.GetProperty("kind").GetString();
                if (kind is "Admitted" or "Transferred" or "ReferredUp" or "ReferredDown")
                {
                    if (into == h.Ordinary) ordinary++;
                    if (into == h.Icu) icu++;
                }
                if (kind is "Transferred" or "ReferredUp" or "ReferredDown" or "Discharged" or "Died" or "SentHome")
                {
                    if (from == h.Ordinary) ordinary--;
                    if (from == h.Icu) icu--;
                }
            }
        }
        Assert.Equal(ordinary, (await Ward(medical, h.Id, h.Ordinary)).GetProperty("occupied").GetInt32());
        Assert.Equal(icu, (await Ward(medical, h.Id, h.Icu)).GetProperty("occupied").GetInt32());
        Assert.Equal((3, 1), (icu, ordinary));

        // A ward cannot shrink below the patients in it.
        var ward = await Ward(medical, h.Id, h.Icu);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/treatment/wards/{h.Icu}") { Content = JsonContent.Create(new { beds = 2 }) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ward.GetProperty("version").GetInt32()}\""));
        var shrink = await medical.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, shrink.StatusCode);
        Assert.True((await Errors(shrink)).TryGetProperty("beds", out _));
    }

    [Fact]
    public async Task Capacity_is_scoped_pudong_sees_only_pudong()
    {
        var pudong = await app.SignedIn("pudong");
        var city = await pudong.GetFromJsonAsync<JsonElement>("/api/treatment/capacity?division=3101", Ct);
        var children = city.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(["310115"], children);
        var own = await pudong.GetFromJsonAsync<JsonElement>("/api/treatment/capacity", Ct);
        Assert.Equal("310115", own.GetProperty("divisionCode").GetString());
        Assert.True(own.GetProperty("total").GetProperty("beds").GetInt32() > 0);
        var wards = (await pudong.GetFromJsonAsync<JsonElement[]>("/api/treatment/wards", Ct))!;
        Assert.All(wards, w => Assert.StartsWith("310115", w.GetProperty("divisionCode").GetString()));

        var medical = await app.SignedIn("medical");
        var all = await medical.GetFromJsonAsync<JsonElement>("/api/treatment/capacity", Ct);
        Assert.True(all.GetProperty("children").GetArrayLength() > 1);
        Assert.True(all.GetProperty("total").GetProperty("beds").GetInt32() > own.GetProperty("total").GetProperty("beds").GetInt32());
        var total = all.GetProperty("total");
        Assert.Equal(total.GetProperty("beds").GetInt32(),
            total.GetProperty("occupied").GetInt32() + total.GetProperty("reserved").GetInt32() + total.GetProperty("free").GetInt32());
    }

    [Fact]
    public async Task Turnover_counts_a_controlled_sequence()
    {
        var medical = await app.SignedIn("medical");
        var h = await NewHospital(medical, ordinaryBeds: 4, icuBeds: 1, district: "310109");
        var admitted = new List<(Guid Id, int V)>();
        for (var i = 0; i < 4; i++)
        {
            var (id, v) = await Register(medical, h.Committee, "moderate");
            admitted.Add((id, await Version(await Act(medical, id, v, "admit", new { wardId = h.Ordinary }))));
        }
        app.Clock.Advance(TimeSpan.FromDays(3));
        medical = await app.SignedIn("medical");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 2; i++)
        {
            var (id, v) = admitted[i];
            v = await Version(await Act(medical, id, v, "tests", new { takenAt = now.AddHours(-30), positive = false }));
            v = await Version(await Act(medical, id, v, "tests", new { takenAt = now.AddHours(-1), positive = false }));
            await Version(await Act(medical, id, v, "discharge"));
        }

        var report = await medical.GetFromJsonAsync<JsonElement>("/api/treatment/turnover?division=310109", Ct);
        var mine = report.GetProperty("facilities").EnumerateArray().Single(f => f.GetProperty("facilityId").GetGuid() == h.Id);
        Assert.Equal(4, mine.GetProperty("admissions").GetInt32());
        Assert.Equal(2, mine.GetProperty("discharges").GetInt32());
        Assert.Equal(3.0, mine.GetProperty("meanStayDays").GetDouble(), 1);
        Assert.False(mine.GetProperty("dischargesExceedAdmissions").GetBoolean());
        // 2 of 5 beds in use, 4 admissions in 7 days expected at 0.6 a day: not full.
        Assert.Equal(3, mine.GetProperty("free").GetInt32());
        Assert.False(mine.GetProperty("willBeFull").GetBoolean());
        // Expected stay of an ordinary ward is 10 days: nobody leaves tomorrow.
        Assert.Equal(0, mine.GetProperty("freedTomorrow").GetInt32());

        // Fill the last ordinary beds: 4 of 5 occupied is 80 %, but expected admissions exceed the one free bed.
        for (var i = 0; i < 2; i++)
        {
            var (id, v) = await Register(medical, h.Committee, "moderate");
            await Version(await Act(medical, id, v, "admit", new { wardId = h.Ordinary }));
        }
        var after = await medical.GetFromJsonAsync<JsonElement>("/api/treatment/turnover?division=310109", Ct);
        var full = after.GetProperty("facilities").EnumerateArray().Single(f => f.GetProperty("facilityId").GetGuid() == h.Id);
        Assert.Equal(1, full.GetProperty("free").GetInt32());
        Assert.Equal(Math.Round(6 / 7.0, 1), full.GetProperty("expectedAdmissions").GetDouble(), 1);
        Assert.False(full.GetProperty("willBeFull").GetBoolean());
        // One more admission leaves no free bed but 1 expected: the facility will be full, and the warning is merged.
        var (last, lv) = await Register(medical, h.Committee, "critical");
        await Version(await Act(medical, last, lv, "admit", new { wardId = h.Icu }));
        var warnings = (await medical.GetFromJsonAsync<JsonElement[]>("/api/surveillance/310109/warnings", Ct))!;
        Assert.Contains(warnings, w => w.GetProperty("resource").GetString() == "beds:turnover"
            && w.GetProperty("link").GetString() == $"/Treatment/Facility/{h.Id}");
    }
}

public sealed class TreatmentTestsOnSqlite(SqliteFactory app) : TreatmentTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class TreatmentTestsOnPostgres(PostgresFactory app) : TreatmentTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

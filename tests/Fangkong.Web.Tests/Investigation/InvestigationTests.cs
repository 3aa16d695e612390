using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests.Investigation;

// Cases, contacts, follow-ups, chains, the four categories and area risk levels through the real
// pipeline: a case is investigated, its close contact quarantined and followed up, the contact turns
// positive and becomes a second-generation case in the same cluster, counted in the surveillance
// report, and its committee becomes a sealed zone; jurisdiction and sharing hold throughout.
public abstract class InvestigationTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> Committee(HttpClient client, string district)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        var street = streets[Random.Shared.Next(streets.Length)].GetProperty("code").GetString()!;
        var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street}/children", Ct))!;
        return committees[Random.Shared.Next(committees.Length)].GetProperty("code").GetString()!;
    }

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, int version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request, Ct);
    }

    private static async Task<string[]> ErrorFields(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    private async Task<JsonElement> OpenCase(HttpClient client, string committee, string category = "Confirmed", string? severity = "Mild") =>
        (await Created(await client.PostAsJsonAsync("/api/investigation/cases", new
        {
            name = "王五", idNumber = TestPeople.UniqueIdNumber(committee[..6]), phone = "13912345678", divisionCode = committee,
            category, severity, route = "FeverClinic", detectedAt = Now.AddHours(-2),
        }, Ct))).GetProperty("case");

    private async Task<JsonElement> AddContact(HttpClient client, Guid caseId, string residence, string? quarantine = "Home", string kind = "Close", Guid? via = null) =>
        await Created(await client.PostAsJsonAsync($"/api/investigation/cases/{caseId}/contacts", new
        {
            name = "赵六", idNumber = TestPeople.UniqueIdNumber(residence[..6]), divisionCode = residence, kind, viaContactId = via,
            exposure = "同一办公室，未戴口罩", lastExposureAt = Now.AddDays(-1), quarantine,
        }, Ct));

    [Fact]
    public async Task A_contact_who_turns_positive_becomes_a_second_generation_case_counted_in_surveillance_and_seals_their_committee()
    {
        var epi = await app.SignedIn("epi");
        var pudong = await Committee(epi, "310115");
        var xuhuiCommittee = await Committee(epi, "310104");

        var index = await OpenCase(epi, pudong);
        var indexId = index.GetProperty("id").GetGuid();
        Assert.StartsWith("LD-310115-", index.GetProperty("number").GetString());
        Assert.Equal(1, index.GetProperty("generation").GetInt32());
        Assert.Equal("epi", index.GetProperty("investigator").GetString());
        Assert.Equal(Now.AddHours(24), index.GetProperty("investigationDueAt").GetDateTime());
        Assert.Equal("***", index.GetProperty("person").GetProperty("idNumber").GetString()![6..9].Replace("*", "*"));

        var exposure = await Ok(await Post(epi, $"/api/investigation/cases/{indexId}/exposures", 1, new
        {
            kind = "Visit", place = "某超市", placeDivisionCode = pudong, from = Now.AddDays(-2), to = Now.AddDays(-2).AddHours(1),
        }));
        Assert.Single(exposure.GetProperty("exposures").EnumerateArray());
        Assert.Equal("InProgress", exposure.GetProperty("case").GetProperty("investigationStatus").GetString());

        // A close contact living in Xuhui, quarantined at home: a follow-up for every day, tests on days 1, 2, 3, 5, 7.
        var contact = await AddContact(epi, indexId, xuhuiCommittee);
        var contactId = contact.GetProperty("id").GetGuid();
        Assert.Equal("Quarantined", contact.GetProperty("status").GetString());
        Assert.True(contact.GetProperty("outsideOwnerDistrict").GetBoolean());
        Assert.False(contact.GetProperty("shared").GetBoolean());
        Assert.Equal(DateOnly.FromDateTime(Now.AddHours(8)).AddDays(6), DateOnly.Parse(contact.GetProperty("quarantineEnd").GetString()!));
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
            var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
            var days = await db.FollowUps.Where(f => f.ContactId == contactId).OrderBy(f => f.Day).Select(f => new { f.Day, f.TestDue }).ToListAsync(Ct);
            Assert.Equal(7, days.Count);
            Assert.Equal([true, true, true, false, true, false, true], days.Select(d => d.TestDue));
        }

        // Xuhui's worker does not see a Pudong investigation's contact until it is shared with Xuhui.
        var xuhui = await app.SignedIn("xuhui");
        Assert.Equal(HttpStatusCode.NotFound, (await xuhui.GetAsync($"/api/investigation/contacts/{contactId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xuhui.GetAsync($"/api/investigation/cases/{indexId}", Ct)).StatusCode);
        var shared = await Ok(await Post(epi, $"/api/investigation/contacts/{contactId}/share", contact.GetProperty("version").GetInt32()));
        Assert.True(shared.GetProperty("shared").GetBoolean());
        await Ok(await xuhui.GetAsync($"/api/investigation/contacts/{contactId}", Ct));

        // Xuhui's team does today's follow-up: the test is due and comes back positive.
        var due = await Ok(await xuhui.GetAsync($"/api/investigation/follow-ups?division={xuhuiCommittee}", Ct));
        var today = due.EnumerateArray().Single(f => f.GetProperty("contactId").GetGuid() == contactId);
        Assert.True(today.GetProperty("testDue").GetBoolean());
        var missingTest = await xuhui.PostAsJsonAsync($"/api/investigation/follow-ups/{today.GetProperty("id").GetGuid()}", new { symptoms = false, temperature = 36.6 }, Ct);
        Assert.Contains("test", await ErrorFields(missingTest));
        var positive = await Ok(await xuhui.PostAsJsonAsync($"/api/investigation/follow-ups/{today.GetProperty("id").GetGuid()}",
            new { symptoms = true, temperature = 37.9, test = "Positive" }, Ct));
        Assert.Equal("TurnedPositive", positive.GetProperty("status").GetString());
        var secondId = positive.GetProperty("resultCaseId").GetGuid();

        // The new case lives in Xuhui (its residence), one generation below the index case, in its cluster.
        var second = (await Ok(await xuhui.GetAsync($"/api/investigation/cases/{secondId}", Ct))).GetProperty("case");
        Assert.Equal(2, second.GetProperty("generation").GetInt32());
        Assert.Equal(indexId, second.GetProperty("clusterId").GetGuid());
        Assert.Equal(index.GetProperty("number").GetString(), second.GetProperty("infectorNumber").GetString());
        Assert.Equal("Quarantine", second.GetProperty("route").GetString());
        Assert.NotNull(second.GetProperty("isolatedAt").GetString());

        var graph = await Ok(await epi.GetAsync($"/api/investigation/clusters/{indexId}", Ct));
        Assert.Equal(2, graph.GetProperty("summary").GetProperty("cases").GetInt32());
        Assert.Equal(2, graph.GetProperty("summary").GetProperty("generations").GetInt32());
        Assert.Contains(graph.GetProperty("edges").EnumerateArray(), e => e.GetProperty("source").GetString() == indexId.ToString()
            && e.GetProperty("target").GetString() == secondId.ToString() && e.GetProperty("kind").GetString() == "infection");
        // From Xuhui the index case is a number only.
        var seenFromXuhui = await Ok(await xuhui.GetAsync($"/api/investigation/clusters/{indexId}", Ct));
        var indexNode = seenFromXuhui.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == indexId.ToString());
        Assert.False(indexNode.GetProperty("visible").GetBoolean());
        Assert.Equal(index.GetProperty("number").GetString(), indexNode.GetProperty("label").GetString());

        // Counted in the surveillance module's daily report of the committee (China date), and the committee is sealed today.
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
            var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
            var day = DateOnly.FromDateTime(Now.AddHours(8));
            var report = await db.DailyReports.FirstOrDefaultAsync(r => r.DivisionCode == xuhuiCommittee && r.Date == day, Ct);
            Assert.NotNull(report);
            Assert.True(report.Mild >= 1, "a symptomatic positive at follow-up counts as mild");
        }
        var levels = await Ok(await epi.GetAsync($"/api/risk-areas?division={xuhuiCommittee}", Ct));
        Assert.Equal("Sealed", levels.EnumerateArray().Single().GetProperty("level").GetString());
        var published = await Ok(await app.Anonymous().GetAsync("/api/public/risk-areas", Ct));
        Assert.Contains(published.GetProperty("areas").EnumerateArray(), a => a.GetProperty("divisionCode").GetString() == xuhuiCommittee
            && a.GetProperty("levelName").GetString() == "封控区");
        Assert.DoesNotContain("王五", published.ToString());
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_a_stale_version_or_a_cycle_is_refused()
    {
        var epi = await app.SignedIn("epi");
        var committee = await Committee(epi, "310104");
        var missing = await epi.PostAsJsonAsync("/api/investigation/cases", new { name = "王五", idNumber = "310104199001011234", divisionCode = committee }, Ct);
        var fields = await ErrorFields(missing);
        Assert.Contains("category", fields);
        var noSeverity = await epi.PostAsJsonAsync("/api/investigation/cases", new { name = "王五", idNumber = TestPeople.UniqueIdNumber("310104"), divisionCode = committee, category = "Confirmed" }, Ct);
        Assert.Contains("severity", await ErrorFields(noSeverity));
        var badId = await epi.PostAsJsonAsync("/api/investigation/cases", new { name = "王五", idNumber = "310104199001011230", divisionCode = committee, category = "Suspected" }, Ct);
        Assert.Contains("idNumber", await ErrorFields(badId));

        var a = await OpenCase(epi, committee);
        var b = await OpenCase(epi, committee);
        var aId = a.GetProperty("id").GetGuid();
        var bId = b.GetProperty("id").GetGuid();
        var noContact = await epi.PostAsJsonAsync($"/api/investigation/cases/{aId}/contacts", new { name = "赵六", idNumber = TestPeople.UniqueIdNumber("310104"), divisionCode = committee }, Ct);
        var contactFields = await ErrorFields(noContact);
        Assert.Contains("exposure", contactFields);
        Assert.Contains("lastExposureAt", contactFields);
        var central = await epi.PostAsJsonAsync($"/api/investigation/cases/{aId}/contacts", new
        {
            name = "赵六", idNumber = TestPeople.UniqueIdNumber("310104"), divisionCode = committee, exposure = "同住", lastExposureAt = Now.AddDays(-1), quarantine = "Central",
        }, Ct);
        Assert.Contains("facilityId", await ErrorFields(central));

        // b was infected by a; then a by b would close a cycle.
        var linked = await Ok(await Post(epi, $"/api/investigation/cases/{bId}/source", 1, new { infectorNumber = a.GetProperty("number").GetString() }));
        Assert.Equal(2, linked.GetProperty("case").GetProperty("generation").GetInt32());
        Assert.Equal(aId, linked.GetProperty("case").GetProperty("clusterId").GetGuid());
        Assert.Contains("infectorNumber", await ErrorFields(await Post(epi, $"/api/investigation/cases/{aId}/source", 1, new { infectorNumber = b.GetProperty("number").GetString() })));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Post(epi, $"/api/investigation/cases/{bId}/exposures", 1, new { place = "x", from = Now.AddHours(-3), to = Now.AddHours(-2) })).StatusCode);
        Assert.Contains("summary", await ErrorFields(await Post(epi, $"/api/investigation/cases/{aId}/complete", 1, new { summary = "" })));

        // A community worker follows up but does not investigate.
        var xuhui = await app.SignedIn("xuhui");
        Assert.Equal(HttpStatusCode.Forbidden, (await xuhui.PostAsJsonAsync("/api/investigation/cases", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_four_categories_board_shows_who_waits_at_which_step_and_who_is_overdue()
    {
        var epi = await app.SignedIn("epi");
        var committee = await Committee(epi, "310112");
        var confirmed = await OpenCase(epi, committee);
        var suspected = await OpenCase(epi, committee, "Suspected", null);
        await AddContact(epi, confirmed.GetProperty("id").GetGuid(), committee, quarantine: null);

        var board = await Ok(await epi.GetAsync($"/api/investigation/four-categories?division={committee}", Ct));
        var total = board.GetProperty("total").GetProperty("categories");
        Assert.Equal(1, total.GetProperty("Confirmed").GetProperty("awaitingIsolation").GetInt32());
        Assert.Equal(1, total.GetProperty("Suspected").GetProperty("awaitingIsolation").GetInt32());
        Assert.Equal(1, total.GetProperty("CloseContact").GetProperty("awaitingIsolation").GetInt32());
        Assert.Equal(0, total.GetProperty("Confirmed").GetProperty("overdue").GetInt32());

        var isolated = await Ok(await Post(epi, $"/api/investigation/cases/{confirmed.GetProperty("id").GetGuid()}/isolate", 2));
        Assert.NotNull(isolated.GetProperty("case").GetProperty("isolatedAt").GetString());
        // Detected two hours ago; past the 6-hour isolation target the suspected case is overdue.
        app.Clock.Advance(TimeSpan.FromHours(5));
        epi = await app.SignedIn("epi");
        board = await Ok(await epi.GetAsync($"/api/investigation/four-categories?division={committee}", Ct));
        total = board.GetProperty("total").GetProperty("categories");
        Assert.Equal(1, total.GetProperty("Confirmed").GetProperty("awaitingNext").GetInt32());
        Assert.Equal(1, total.GetProperty("Suspected").GetProperty("overdue").GetInt32());
        Assert.Contains(board.GetProperty("overdueList").EnumerateArray(), o => o.GetProperty("number").GetString() == suspected.GetProperty("number").GetString()
            && o.GetProperty("step").GetString() == "isolation");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedIn("xuhui")).GetAsync($"/api/investigation/four-categories?division={committee}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_override_needs_a_reason_and_another_persons_approval_and_shows_in_the_areas_history()
    {
        var epi = await app.SignedIn("epi");
        var commander = await app.SignedIn("commander");
        string committee;
        do committee = await Committee(epi, "310104");
        while ((await Ok(await epi.GetAsync($"/api/risk-areas?division={committee}", Ct))).EnumerateArray().Any(a => a.GetProperty("level").GetString() != "Precaution"));
        // A compound of the committee (its request QR code): it follows the committee into and out of the sealed zone.
        var xuhui = await app.SignedIn("xuhui");
        var compound = await xuhui.PostAsJsonAsync("/api/community/qrcodes", new { divisionCode = committee, label = "8 号楼" }, Ct);
        Assert.True(compound.IsSuccessStatusCode, await compound.Content.ReadAsStringAsync(Ct));
        await Ok(await epi.PostAsync($"/api/risk-areas/compute?division={committee}", null, Ct));
        Assert.Equal("Precaution", (await Ok(await epi.GetAsync($"/api/risk-areas?division={committee}", Ct))).EnumerateArray().Single().GetProperty("level").GetString());

        var noReason = await epi.PostAsJsonAsync("/api/risk-areas/overrides", new { divisionCode = committee, level = "Sealed" }, Ct);
        Assert.Contains("reason", await ErrorFields(noReason));
        var badLevel = await epi.PostAsJsonAsync("/api/risk-areas/overrides", new { divisionCode = committee, level = "Purple", reason = "聚集性疫情处置" }, Ct);
        Assert.Contains("level", await ErrorFields(badLevel));
        var requested = await Created(await epi.PostAsJsonAsync("/api/risk-areas/overrides", new { divisionCode = committee, level = "Sealed", reason = "楼栋聚集性疫情，先行封控" }, Ct));
        var id = requested.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(epi, $"/api/risk-areas/overrides/{id}/approve", 1)).StatusCode);
        Assert.Contains("note", await ErrorFields(await Post(commander, $"/api/risk-areas/overrides/{id}/reject", 1, new { note = "" })));
        var approved = await Ok(await Post(commander, $"/api/risk-areas/overrides/{id}/approve", 1, new { note = "同意" }));
        Assert.Equal("Approved", approved.GetProperty("status").GetString());

        var current = (await Ok(await epi.GetAsync($"/api/risk-areas?division={committee}", Ct))).EnumerateArray().Single();
        Assert.Equal("Sealed", current.GetProperty("level").GetString());
        Assert.Equal("Override", current.GetProperty("source").GetString());
        var history = await Ok(await epi.GetAsync($"/api/risk-areas/{committee}/history", Ct));
        Assert.Equal("楼栋聚集性疫情，先行封控", history[0].GetProperty("overrideReason").GetString());
        Assert.NotNull(await CompoundSealedSince(committee));

        var ended = await Ok(await Post(epi, $"/api/risk-areas/overrides/{id}/end", 2));
        Assert.Equal("Ended", ended.GetProperty("status").GetString());
        Assert.Equal("Precaution", (await Ok(await epi.GetAsync($"/api/risk-areas?division={committee}", Ct))).EnumerateArray().Single().GetProperty("level").GetString());
        Assert.Null(await CompoundSealedSince(committee));
    }

    private async Task<DateTime?> CompoundSealedSince(string committee)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        var compound = await scope.ServiceProvider.GetRequiredService<FangkongDb>().CommunityQrCodes.SingleAsync(q => q.DivisionCode == committee, Ct);
        return compound.SealedSince;
    }

    [Fact]
    public async Task A_quarantine_is_not_released_before_its_end_and_a_lost_contact_stops_its_follow_ups()
    {
        var epi = await app.SignedIn("epi");
        var committee = await Committee(epi, "310101");
        var source = await OpenCase(epi, committee);
        var contact = await AddContact(epi, source.GetProperty("id").GetGuid(), committee);
        var id = contact.GetProperty("id").GetGuid();
        var early = await Post(epi, $"/api/investigation/contacts/{id}/release", contact.GetProperty("version").GetInt32());
        var fields = await ErrorFields(early);
        Assert.Contains("quarantineEnd", fields);
        Assert.Contains("tests", fields);
        var lost = await Ok(await Post(epi, $"/api/investigation/contacts/{id}/lost", contact.GetProperty("version").GetInt32()));
        Assert.Equal("LostToFollowUp", lost.GetProperty("status").GetString());
        Assert.Equal(0, lost.GetProperty("followUpsDue").GetInt32());
    }
}

public sealed class InvestigationTestsOnSqlite(SqliteFactory app) : InvestigationTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class InvestigationTestsOnPostgres(PostgresFactory app) : InvestigationTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

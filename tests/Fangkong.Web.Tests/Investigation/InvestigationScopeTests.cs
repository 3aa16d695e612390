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

// An epidemiologist of Xuhui (310104) against Pudong's (310115) cases, contacts and follow-ups: lists,
// counts, boards and reads by id answer nothing or 404, writes by id 404, and no answer carries Pudong's
// ids, numbers or people; an ID number typed into a form does not tell whether Pudong knows the person
// or has them as a confirmed case; a chain crossing the line shows the other side's cases as numbers only.
public abstract class InvestigationScopeTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static async Task<string> Committee(HttpClient client, string district) => await TestPeople.FirstCommittee(client, district);

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<(JsonElement Case, string IdNumber)> OpenCase(HttpClient client, string committee)
    {
        var idNumber = TestPeople.UniqueIdNumber(committee[..6]);
        var body = await Created(await client.PostAsJsonAsync("/api/investigation/cases", new
        {
            name = "浦东甲", idNumber, phone = "13912345678", divisionCode = committee, category = "Confirmed", severity = "Mild", route = "FeverClinic",
            detectedAt = Now.AddHours(-2),
        }, Ct));
        return (body.GetProperty("case"), idNumber);
    }

    private Task<HttpResponseMessage> AddContact(HttpClient client, Guid caseId, string residence, string? idNumber = null) =>
        client.PostAsJsonAsync($"/api/investigation/cases/{caseId}/contacts", new
        {
            name = "浦东乙", idNumber = idNumber ?? TestPeople.UniqueIdNumber(residence[..6]), divisionCode = residence, kind = "Close",
            exposure = "同一办公室", lastExposureAt = Now.AddDays(-1), quarantine = "Home",
        }, Ct);

    [Fact]
    public async Task A_Xuhui_epidemiologist_reads_and_writes_nothing_of_Pudong_cases_contacts_and_follow_ups()
    {
        var epi = await app.SignedIn("epi");
        var pudong = await Committee(epi, "310115");
        var (pudongCase, _) = await OpenCase(epi, pudong);
        var caseId = pudongCase.GetProperty("id").GetGuid();
        var number = pudongCase.GetProperty("number").GetString()!;
        var contact = await Created(await AddContact(epi, caseId, pudong));
        var contactId = contact.GetProperty("id").GetGuid();
        Guid followUpId;
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
            followUpId = await scope.ServiceProvider.GetRequiredService<FangkongDb>().FollowUps.Where(f => f.ContactId == contactId).Select(f => f.Id).FirstAsync(Ct);
        }

        var before = (await epi.GetFromJsonAsync<JsonElement>($"/api/investigation/cases/{caseId}", Ct)).GetProperty("case").GetProperty("version").GetInt32();

        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var probe = new ScopeProbe(xuhui, caseId.ToString(), number, contactId.ToString(), followUpId.ToString(), pudong);
        await probe.Without("/api/investigation/cases?pageSize=500");
        await probe.Without($"/api/investigation/cases?number={number}");
        await probe.NothingOf("/api/investigation/cases?division=310115");
        await probe.NotFound($"/api/investigation/cases/{caseId}");
        await probe.Without("/api/investigation/contacts?pageSize=500");
        await probe.NothingOf("/api/investigation/contacts?division=310115");
        await probe.NotFound($"/api/investigation/contacts/{contactId}");
        await probe.Without("/api/investigation/follow-ups?take=500");
        await probe.NothingOf("/api/investigation/follow-ups?division=310115");
        await probe.NothingOf("/api/investigation/workload?division=310115");
        await probe.NothingOf("/api/investigation/four-categories?division=310115");
        await probe.NothingOf("/api/investigation/clusters?division=310115&minCases=1");
        await probe.Without("/api/investigation/clusters?minCases=1");
        await probe.NotFound($"/api/investigation/clusters/{caseId}?contacts=true");
        await probe.NothingOf("/api/investigation/unknown-source?division=310115");

        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/exposures",
            new { kind = "Visit", place = "某超市", placeDivisionCode = pudong, from = Now.AddDays(-2), to = Now.AddDays(-2).AddHours(1) });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/source", new { note = "境外输入" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/assign", new { investigator = "someone" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/complete", new { summary = "完成" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/isolate", new { });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/close");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/cases/{caseId}/contacts",
            new { name = "某某", idNumber = TestPeople.UniqueIdNumber("310104"), divisionCode = await Committee(xuhui, "310104"), kind = "Close",
                exposure = "同一办公室", lastExposureAt = Now.AddDays(-1) }, version: null);
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/contacts/{contactId}/share");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/contacts/{contactId}/positive", new { severity = "Mild" });
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/contacts/{contactId}/release");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/contacts/{contactId}/lost");
        await probe.WriteNotFound(HttpMethod.Post, $"/api/investigation/follow-ups/{followUpId}", new { symptoms = false, temperature = 36.5, test = "Negative" }, version: null);
        Assert.Equal((15, 12), (probe.Reads, probe.Writes));

        // Nothing changed on Pudong's side.
        var after = await epi.GetFromJsonAsync<JsonElement>($"/api/investigation/cases/{caseId}", Ct);
        Assert.Equal(before, after.GetProperty("case").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_ID_number_typed_in_Xuhui_does_not_tell_whether_Pudong_has_the_person_or_has_them_as_a_confirmed_case()
    {
        var epi = await app.SignedIn("epi");
        var (_, pudongIdNumber) = await OpenCase(epi, await Committee(epi, "310115"));

        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var xuhuiCommittee = await Committee(xuhui, "310104");
        // Opening a case: the number is refused as any registered number is, without saying where or what it is.
        var open = await xuhui.PostAsJsonAsync("/api/investigation/cases", new
        {
            name = "某某", idNumber = pudongIdNumber, phone = "13912345678", divisionCode = xuhuiCommittee, category = "Confirmed", severity = "Mild",
            route = "FeverClinic", detectedAt = Now.AddHours(-2),
        }, Ct);
        var problem = await open.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
        Assert.Contains("idNumber", problem);
        Assert.DoesNotContain("jurisdiction", problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("310115", problem);

        // Naming them as a contact of a Xuhui case: recorded like anyone else, not refused as "already a confirmed case".
        var (xuhuiCase, _) = await OpenCase(xuhui, xuhuiCommittee);
        var added = await AddContact(xuhui, xuhuiCase.GetProperty("id").GetGuid(), xuhuiCommittee, pudongIdNumber);
        var body = await added.Content.ReadAsStringAsync(Ct);
        Assert.True(added.StatusCode == HttpStatusCode.Created, body);
        Assert.DoesNotContain("confirmed", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_chain_crossing_into_Xuhui_shows_the_Pudong_case_as_its_number_only()
    {
        var epi = await app.SignedIn("epi");
        var (index, _) = await OpenCase(epi, await Committee(epi, "310115"));
        var indexId = index.GetProperty("id").GetGuid();
        var xuhuiCommittee = await Committee(epi, "310104");
        var contact = await Created(await AddContact(epi, indexId, xuhuiCommittee));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/investigation/contacts/{contact.GetProperty("id").GetGuid()}/positive")
        {
            Content = JsonContent.Create(new { severity = "Mild" }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{contact.GetProperty("version").GetInt32()}\""));
        var positive = await epi.SendAsync(request, Ct);
        Assert.True(positive.IsSuccessStatusCode, await positive.Content.ReadAsStringAsync(Ct));

        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var graph = await xuhui.GetFromJsonAsync<JsonElement>($"/api/investigation/clusters/{indexId}", Ct);
        var nodes = graph.GetProperty("nodes").EnumerateArray().ToList();
        var pudongNode = nodes.Single(n => n.GetProperty("label").GetString() == index.GetProperty("number").GetString());
        Assert.False(pudongNode.GetProperty("visible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, pudongNode.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.Null, pudongNode.GetProperty("caseId").ValueKind);
        var xuhuiNode = nodes.Single(n => n.GetProperty("visible").GetBoolean());
        Assert.Equal(2, xuhuiNode.GetProperty("generation").GetInt32());
    }
}

public sealed class InvestigationScopeTestsOnSqlite(SqliteFactory app) : InvestigationScopeTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class InvestigationScopeTestsOnPostgres(PostgresFactory app) : InvestigationScopeTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Features.Community.Requests;
using Fangkong.Web.Features.Retention;
using Fangkong.Web.Features.Screening;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

// The retention job on the platform clock: nothing changes inside a window; past it the personal fields
// are gone while rows, counts and reports stay, and each kind is one audit entry on an intact chain.
public abstract class RetentionTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<T> System<T>(Func<FangkongDb, IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        return await work(scope.ServiceProvider.GetRequiredService<FangkongDb>(), scope.ServiceProvider);
    }

    // The completion table says how long it took to compute; everything else must be identical.
    private static string WithoutTiming(string json) =>
        global::System.Text.RegularExpressions.Regex.Replace(json, "\"seconds\":[-0-9.eE]+", "\"seconds\":0");

    private Task<RetentionResult> Run() =>
        System((_, services) => services.GetRequiredService<RetentionJob>().RunAsync(RetentionDaily.Actor, Ct));

    private Task<Dictionary<string, long>> Counts() => System(async (db, _) => new Dictionary<string, long>
    {
        ["people"] = await db.People.LongCountAsync(Ct),
        ["patients"] = await db.Patients.LongCountAsync(Ct),
        ["contacts"] = await db.Contacts.LongCountAsync(Ct),
        ["followUps"] = await db.FollowUps.LongCountAsync(Ct),
        ["samplingRecords"] = await db.SamplingRecords.LongCountAsync(Ct),
        ["poolControls"] = await db.PoolControls.LongCountAsync(Ct),
        ["residentRequests"] = await db.ResidentRequests.LongCountAsync(Ct),
        ["peopleByDistrict310104"] = await db.People.LongCountAsync(p => p.DistrictCode == "310104", Ct),
    });

    [Fact]
    public async Task Past_each_window_personal_fields_are_anonymised_and_counts_reports_and_the_audit_chain_stay()
    {
        var epi = await app.UserWithScope("Epidemiologist", "3101");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber, name: "赵六"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var personId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
        // A patient episode of this person that ends now: its 60-day window starts today.
        await System(async (db, _) =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var patient = Patient.Register(Guid.CreateVersion7(), personId, committee, "310104", Severity.Mild, false, false, false, now.AddDays(-10), now.AddDays(-10));
            patient.Discharge(now);
            db.Patients.Add(patient);
            return await db.SaveChangesAsync(Ct);
        });

        // The demo's screening round is closed today: its 30-day window starts now.
        var rounds = await epi.GetFromJsonAsync<JsonElement>("/api/screening/rounds", Ct);
        var roundId = rounds.EnumerateArray().First().GetProperty("id").GetInt32();
        var summary = await epi.GetAsync($"/api/screening/rounds/{roundId}", Ct);
        var close = new HttpRequestMessage(HttpMethod.Post, $"/api/screening/rounds/{roundId}/close");
        close.Headers.TryAddWithoutValidation("If-Match", summary.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await epi.SendAsync(close, Ct)).StatusCode);
        var completion = WithoutTiming(await epi.GetStringAsync($"/api/screening/rounds/{roundId}/completion", Ct));
        var members = await System((db, _) => db.SamplingRecords.CountAsync(s => s.RoundId == roundId, Ct));
        Assert.True(members > 0);
        var recentRequests = await System((db, _) => db.ResidentRequests
            .Where(r => r.Status == RequestStatus.Closed && r.Building != RetentionJob.Anonymised).Select(r => r.Id).ToListAsync(Ct));
        var counts = await Counts();

        // Inside every window: this person, this round and today's closed requests are untouched.
        await Run();
        await System(async (db, _) =>
        {
            var person = await db.People.SingleAsync(p => p.Id == personId, Ct);
            Assert.Equal("赵六", person.Name);
            Assert.Equal(idNumber, person.IdNumber);
            Assert.Equal(0, await db.SamplingRecords.CountAsync(s => s.RoundId == roundId && s.Name == RetentionJob.Anonymised, Ct));
            return 0;
        });

        // Past the longest window (60 days) on the platform clock.
        app.Clock.Advance(TimeSpan.FromDays(61));
        var result = await Run();

        await System(async (db, _) =>
        {
            var person = await db.People.SingleAsync(p => p.Id == personId, Ct);
            Assert.Equal("已匿名", person.Name);
            Assert.StartsWith("ANONP", person.IdNumber);
            Assert.Equal(18, person.IdNumber.Length);
            Assert.Null(person.Phone);
            Assert.Null(person.Address);
            Assert.Equal(committee, person.DivisionCode);
            Assert.Equal(0, await db.People.CountAsync(p => p.IdNumber == idNumber, Ct));

            var round = await db.SamplingRecords.Where(s => s.RoundId == roundId).ToListAsync(Ct);
            Assert.Equal(members, round.Count);
            Assert.All(round, s =>
            {
                Assert.Equal("已匿名", s.Name);
                Assert.Null(s.Phone);
                Assert.StartsWith("ANONS", s.IdNumber);
            });
            var requests = await db.ResidentRequests.Where(r => recentRequests.Contains(r.Id)).ToListAsync(Ct);
            Assert.NotEmpty(requests);
            Assert.All(requests, r =>
            {
                Assert.Equal("", r.Phone);
                Assert.Equal("已匿名", r.Building);
                Assert.Equal("已匿名", r.Description);
            });
            var cut = app.Clock.GetUtcNow().UtcDateTime.AddDays(-60);
            Assert.Equal(0, await db.Contacts.CountAsync(c => c.EndedAt != null && c.EndedAt < cut && c.Exposure != "已匿名", Ct));
            return 0;
        });
        Assert.Equal(counts, await Counts());
        Assert.Contains(result.Kinds, k => k.Kind == "screening-members" && k.Rows == members);
        Assert.Contains(result.Kinds, k => k.Kind == "people" && k.Rows >= 1);

        // The report reads the same, and the trail has one entry per kind and still verifies.
        var again = await app.UserWithScope("Epidemiologist", "3101");
        Assert.Equal(completion, WithoutTiming(await again.GetStringAsync($"/api/screening/rounds/{roundId}/completion", Ct)));
        var auditor = await app.SignedIn("auditor");
        var entries = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?action=retention.anonymise&pageSize=50", Ct);
        var kinds = entries.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("objectId").GetString()).ToList();
        foreach (var kind in new[] { "contacts", "people", "screening-members", "resident-requests" })
            Assert.Equal(2, kinds.Count(k => k == kind));
        Assert.Contains(entries.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("objectId").GetString() == "screening-members" && e.GetProperty("detail").GetString()!.StartsWith($"rows={members};", StringComparison.Ordinal));
        var verified = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());

        // A second run finds nothing left to do.
        var idle = await Run();
        Assert.All(idle.Kinds, k => Assert.Equal(0, k.Rows));
    }

    [Fact]
    public async Task A_request_cannot_start_the_job_it_runs_with_system_scope_only()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.ForDivision("310104");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(RetentionDaily.Actor, Ct));
    }
}

public sealed class RetentionTestsOnSqlite(SqliteFactory app) : RetentionTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class RetentionTestsOnPostgres(PostgresFactory app) : RetentionTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

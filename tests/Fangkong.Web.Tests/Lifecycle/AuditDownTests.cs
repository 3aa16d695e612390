using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

// SECURITY.md: "If the audit store is down, personal data is not served." The audit table is made to
// refuse every insert (a trigger, as a full disk or a revoked grant would) and the personal reads are tried.
public abstract class AuditDownTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task SetAuditDown(bool down)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
        var sqlite = db.Database.IsSqlite();
        string[] sql = (down, sqlite) switch
        {
            (true, true) => ["""CREATE TRIGGER "test_audit_down" BEFORE INSERT ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit store down'); END;"""],
            (true, false) =>
            [
                """CREATE OR REPLACE FUNCTION test_audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store down'; END $$;""",
                """CREATE TRIGGER "test_audit_down" BEFORE INSERT ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION test_audit_down();""",
            ],
            (false, true) => ["""DROP TRIGGER IF EXISTS "test_audit_down";"""],
            (false, false) => ["""DROP TRIGGER IF EXISTS "test_audit_down" ON "AuditEntries";"""],
        };
        foreach (var statement in sql) await db.Database.ExecuteSqlRawAsync(statement, Ct);
    }

    [Fact]
    public async Task With_the_audit_store_down_no_personal_read_or_reveal_answers_with_personal_data()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber, name: "王五"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = created.Headers.Location!.ToString();
        // The same reads answer while the audit store is up.
        Assert.Equal(HttpStatusCode.OK, (await epi.GetAsync(person, Ct)).StatusCode);

        await SetAuditDown(true);
        try
        {
            var answers = new List<HttpResponseMessage>
            {
                await epi.GetAsync(person, Ct),
                await epi.PostAsJsonAsync($"{person}/reveal", new { field = "idNumber", reason = "核对居民信息" }, Ct),
                await epi.PostAsJsonAsync($"{person}/reveal", new { field = "phone", reason = "核对居民信息" }, Ct),
                await epi.PostAsJsonAsync("/api/people/search", new { q = idNumber }, Ct),
            };
            foreach (var answer in answers)
            {
                var body = await answer.Content.ReadAsStringAsync(Ct);
                Assert.True(answer.StatusCode == HttpStatusCode.InternalServerError, $"{answer.RequestMessage!.RequestUri}: {(int)answer.StatusCode} {body}");
                Assert.DoesNotContain(idNumber, body);
                Assert.DoesNotContain(idNumber[..6] + "********", body);
                Assert.DoesNotContain("王", body);
                Assert.DoesNotContain("138****", body);
                Assert.DoesNotContain("100弄", body);
            }
        }
        finally
        {
            await SetAuditDown(false);
        }

        // Back up: served again, and the chain still verifies (nothing half-written).
        Assert.Equal(HttpStatusCode.OK, (await epi.GetAsync(person, Ct)).StatusCode);
        var auditor = await app.SignedIn("auditor");
        var verified = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        Assert.True(verified.GetProperty("intact").GetBoolean(), verified.ToString());
    }
}

public sealed class AuditDownTestsOnSqlite(SqliteFactory app) : AuditDownTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class AuditDownTestsOnPostgres(PostgresFactory app) : AuditDownTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

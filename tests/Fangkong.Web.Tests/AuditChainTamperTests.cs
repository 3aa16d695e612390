using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Core.Audit;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

// Someone with write access to the database (past the append-only triggers) tries the two forgeries a
// plain SHA-256 chain cannot catch: rewriting a row and re-hashing everything after it, and deleting
// the newest rows. The keyed chain and its anchor outside the database catch both; each test puts the
// rows back afterwards, and the chain verifies intact again.
public abstract class AuditChainTamperTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FangkongDb SystemDb(IServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        return scope.ServiceProvider.GetRequiredService<FangkongDb>();
    }

    private static async Task DropAppendOnlyTriggers(FangkongDb db)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER IF EXISTS "AuditEntries_no_update" """, Ct);
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER IF EXISTS "AuditEntries_no_delete" """, Ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER IF EXISTS "AuditEntries_append_only" ON "AuditEntries" """, Ct);
        }
    }

    private static Task SetRow(FangkongDb db, long sequence, string outcome, string previousHash, string hash, int version) =>
        db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Outcome" = {0}, "PreviousHash" = {1}, "Hash" = {2}, "HashVersion" = {3} WHERE "Sequence" = {4}""",
            [outcome, previousHash, hash, version, sequence], Ct);

    private static async Task<JsonElement> Verify(HttpClient auditor) => await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);

    // Rows are written by sign-ins; the auditor signs in first, so nothing is appended between the
    // forgery and the check.
    private async Task<(HttpClient Auditor, List<AuditEntry> Rows)> Prepare(IServiceScope scope)
    {
        await app.SignedIn("commander");
        await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "commander", password = "not-it-at-all" }, Ct);
        var auditor = await app.SignedIn("auditor");
        Assert.True((await Verify(auditor)).GetProperty("intact").GetBoolean());
        var db = SystemDb(scope);
        await DropAppendOnlyTriggers(db);
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(Ct);
        Assert.True(rows.Count >= 5);
        return (auditor, rows);
    }

    [Fact]
    public async Task Rewriting_a_row_and_rehashing_the_rest_with_plain_SHA256_is_detected()
    {
        using var scope = app.Services.CreateScope();
        var db = SystemDb(scope);
        var (auditor, rows) = await Prepare(scope);
        var forgedAt = rows[^3].Sequence;
        try
        {
            // 1. Forge one row and re-hash it and every later row with SHA-256, as the old chain allowed.
            var previous = rows.First(r => r.Sequence == forgedAt).PreviousHash;
            foreach (var row in rows.Where(r => r.Sequence >= forgedAt))
            {
                var facts = row.Sequence == forgedAt ? row.ToFacts() with { Outcome = "forged" } : row.ToFacts();
                var hash = AuditHashChain.Compute(previous, facts);
                await SetRow(db, row.Sequence, facts.Outcome, previous, hash, row.HashVersion);
                previous = hash;
            }
            var verify = await Verify(auditor);
            Assert.False(verify.GetProperty("intact").GetBoolean(), verify.ToString());
            Assert.Equal(forgedAt, verify.GetProperty("brokenAt").GetInt64());

            // 2. Rewrite the whole chain from the first row as plain SHA-256 (version 1), so the chain
            //    itself is consistent: the anchor outside the database no longer matches its head.
            previous = AuditHashChain.Genesis;
            foreach (var row in rows)
            {
                var facts = row.Sequence == forgedAt ? row.ToFacts() with { Outcome = "forged" } : row.ToFacts();
                var hash = AuditHashChain.Compute(previous, facts);
                await SetRow(db, row.Sequence, facts.Outcome, previous, hash, AuditHashChain.Plain);
                previous = hash;
            }
            verify = await Verify(auditor);
            Assert.False(verify.GetProperty("intact").GetBoolean(), verify.ToString());
            Assert.Contains("anchor", verify.GetProperty("reason").GetString());
        }
        finally
        {
            foreach (var row in rows) await SetRow(db, row.Sequence, row.Outcome, row.PreviousHash, row.Hash, row.HashVersion);
        }
        Assert.True((await Verify(auditor)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Deleting_the_newest_rows_is_detected()
    {
        using var scope = app.Services.CreateScope();
        var db = SystemDb(scope);
        var (auditor, rows) = await Prepare(scope);
        var newest = rows.TakeLast(2).ToList();
        try
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" >= {0}""", [newest[0].Sequence], Ct);

            var verify = await Verify(auditor);

            Assert.False(verify.GetProperty("intact").GetBoolean(), verify.ToString());
            Assert.Equal(newest[0].Sequence, verify.GetProperty("brokenAt").GetInt64());
            Assert.Contains("missing", verify.GetProperty("reason").GetString());
        }
        finally
        {
            await using var restore = new FangkongDb(scope.ServiceProvider.GetRequiredService<DbContextOptions<FangkongDb>>(), JurisdictionContext.ForSystem());
            foreach (var row in newest)
                if (!await restore.AuditEntries.AnyAsync(a => a.Sequence == row.Sequence, Ct)) restore.AuditEntries.Add(row);
            await restore.SaveChangesAsync(Ct);
        }
        Assert.True((await Verify(auditor)).GetProperty("intact").GetBoolean());
    }
}

public sealed class AuditChainTamperTestsOnSqlite(SqliteFactory app) : AuditChainTamperTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class AuditChainTamperTestsOnPostgres(PostgresFactory app) : AuditChainTamperTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

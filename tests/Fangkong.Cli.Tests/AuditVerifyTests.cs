using Fangkong.Core.Audit;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Tests;

public sealed class AuditVerifyTests
{
    private const string Password = "Cli-Test-Passw0rd!";

    [Fact]
    public async Task Verify_passes_an_intact_chain_and_names_the_row_changed_around_the_trigger()
    {
        using var db = new CliDatabase();
        // Every one of these appends to the audit chain: the migration, then each account created.
        Assert.Equal(0, (await db.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "sec.one", "--role", "SecurityAdmin")).ExitCode);
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "audit.one", "--role", "Auditor")).ExitCode);

        var intact = await db.RunAsync("audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Equal("intact: 3 rows", intact.Out.Trim());

        using (var connection = db.Open())
        {
            using var update = connection.CreateCommand();
            update.CommandText = """UPDATE "AuditEntries" SET "Detail" = 'x' WHERE "Sequence" = 2""";
            // The append-only trigger refuses the change outright...
            var refused = Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
            Assert.Contains("append-only", refused.Message);

            // ...so someone with file access drops it first; the hash chain still catches them.
            using var drop = connection.CreateCommand();
            drop.CommandText = """DROP TRIGGER "AuditEntries_no_update" """;
            drop.ExecuteNonQuery();
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var tampered = await db.RunAsync("audit", "verify");
        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith("TAMPERED at sequence 2:", tampered.Err.Trim());
    }

    [Fact]
    public async Task Verify_catches_the_newest_rows_deleted_around_the_trigger()
    {
        using var db = new CliDatabase();
        Assert.Equal(0, (await db.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "sec.one", "--role", "SecurityAdmin")).ExitCode);
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "audit.one", "--role", "Auditor")).ExitCode);
        using (var connection = db.Open())
        {
            Execute(connection, """DROP TRIGGER "AuditEntries_no_delete" """);
            Execute(connection, """DELETE FROM "AuditEntries" WHERE "Sequence" = 3""");
        }

        var tampered = await db.RunAsync("audit", "verify");

        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith("TAMPERED at sequence 3:", tampered.Err.Trim());
        Assert.Contains("missing", tampered.Err);
    }

    [Fact]
    public async Task Verify_catches_a_chain_rewritten_and_rehashed_with_plain_SHA256()
    {
        using var db = new CliDatabase();
        Assert.Equal(0, (await db.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "sec.one", "--role", "SecurityAdmin")).ExitCode);
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "audit.one", "--role", "Auditor")).ExitCode);

        // Every row re-hashed from the genesis with SHA-256 (the old scheme), row 2 changed: a consistent chain.
        var options = new DbContextOptionsBuilder<FangkongDb>().UseSqlite(db.ConnectionString).Options;
        await using (var context = new FangkongDb(options, JurisdictionContext.ForSystem()))
        {
            await context.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditEntries_no_update" """, TestContext.Current.CancellationToken);
            var previous = AuditHashChain.Genesis;
            foreach (var row in await context.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(TestContext.Current.CancellationToken))
            {
                var facts = row.Sequence == 2 ? row.ToFacts() with { UserName = "someone.else" } : row.ToFacts();
                var hash = AuditHashChain.Compute(previous, facts);
                await context.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "UserName" = {0}, "PreviousHash" = {1}, "Hash" = {2}, "HashVersion" = 1 WHERE "Sequence" = {3}""",
                    [facts.UserName!, previous, hash, row.Sequence], TestContext.Current.CancellationToken);
                previous = hash;
            }
        }
        SqliteConnection.ClearAllPools();

        var tampered = await db.RunAsync("audit", "verify");

        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith("TAMPERED at sequence 3:", tampered.Err.Trim());
        Assert.Contains("anchor", tampered.Err);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Verify_refuses_a_database_that_was_never_migrated()
    {
        using var db = new CliDatabase();

        var verified = await db.RunAsync("audit", "verify");

        Assert.Equal(1, verified.ExitCode);
        Assert.Contains("fangkong db migrate", verified.Err);
    }
}

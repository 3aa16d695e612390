using Microsoft.Data.Sqlite;

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
    public async Task Verify_refuses_a_database_that_was_never_migrated()
    {
        using var db = new CliDatabase();

        var verified = await db.RunAsync("audit", "verify");

        Assert.Equal(1, verified.ExitCode);
        Assert.Contains("fangkong db migrate", verified.Err);
    }
}

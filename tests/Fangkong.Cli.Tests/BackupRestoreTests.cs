namespace Fangkong.Cli.Tests;

public sealed class BackupRestoreTests
{
    private const string Password = "Cli-Test-Passw0rd!";

    [Fact]
    public async Task Backup_then_restore_into_a_new_database_brings_back_every_row_and_a_verifying_chain()
    {
        using var source = new CliDatabase();
        using var target = new CliDatabase();
        var file = Path.Combine(Path.GetTempPath(), $"fangkong-cli-backup-{Guid.NewGuid():N}.db");
        try
        {
            Assert.Equal(0, (await source.RunAsync("db", "migrate")).ExitCode);
            Assert.Equal(0, (await source.RunWithInputAsync(Password, "users", "create-admin", "--user", "sec.one", "--role", "SecurityAdmin")).ExitCode);

            var backup = await source.RunAsync("backup", "--to", file);
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Contains("audit chain intact", backup.Out);
            // The backup itself is audited in the source, after the copy was taken.
            var users = source.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" """);
            var audit = source.Scalar("""SELECT COUNT(*) FROM "AuditEntries" """) - 1;

            var restore = await target.RunAsync("restore", "--from", file);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Equal(users, target.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" """));
            Assert.Equal(audit, target.Scalar("""SELECT COUNT(*) FROM "AuditEntries" """));
            // The table counts printed by backup (before its own audit row) equal those printed after the restore.
            static string Tables(string output) => string.Join('\n', output.Split('\n').Where(l => l.Contains('\t')));
            Assert.Equal(Tables(backup.Out), Tables(restore.Out));
            // The restored chain verifies with the audit key (kept outside the database, here beside both files).
            Assert.Contains("audit chain intact", restore.Out);
            // Its anchor is kept outside the database on purpose, so a restored copy without the anchor file is
            // not reported intact: the drill restores the anchor too (README "Backup and restore").
            var verify = await target.RunAsync("audit", "verify");
            Assert.NotEqual(0, verify.ExitCode);
            Assert.Contains("anchor", verify.ToString(), StringComparison.OrdinalIgnoreCase);

            var again = await target.RunAsync("restore", "--from", file);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("empty database only", again.Err);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;

using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fangkong.Web.Tests;

// The restore drill (SECURITY.md "a restore drill proves the data comes back"): the seeded demo city is
// backed up the way `fangkong backup` does it, restored into a fresh database the way `fangkong restore`
// does, and every table must hold as many rows as before, with an audit chain that verifies.
public abstract class BackupRestoreTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_has_every_row_of_every_table_and_an_intact_audit_chain()
    {
        app.EnsureAvailable();
        var source = app.Services.GetRequiredService<DatabaseInfo>();
        var sqlite = source.Provider == DatabaseProvider.Sqlite;
        var file = Path.Combine(Path.GetTempPath(), $"fangkong-backup-{Guid.NewGuid():N}.{(sqlite ? "db" : "dump")}");
        var fresh = $"fk_restore_{Guid.NewGuid():N}"[..30];
        var target = sqlite
            ? new DatabaseInfo(source.Provider, $"Data Source={Path.Combine(Path.GetTempPath(), fresh + ".db")}")
            : new DatabaseInfo(source.Provider, new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = fresh }.ConnectionString);
        try
        {
            var chainKey = app.Services.GetRequiredService<Fangkong.Web.Platform.Audit.AuditChainKey>();
            var backups = new DatabaseBackup(source, chainKey);
            var before = await backups.CheckAsync(Ct);
            Assert.True(before.AuditIntact);
            Assert.True(before.RowCounts["People"] > 0 && before.RowCounts["SamplingRecords"] > 0 && before.RowCounts["AuditEntries"] > 0);

            await backups.BackupAsync(file, Ct);
            await Assert.ThrowsAsync<InvalidOperationException>(() => backups.BackupAsync(file, Ct)); // never overwrites
            var restore = new DatabaseBackup(target, chainKey);
            await restore.RestoreAsync(file, Ct);
            var after = await restore.CheckAsync(Ct);

            Assert.Equal(before.RowCounts, after.RowCounts);
            Assert.True(after.AuditIntact, $"chain broken at {after.AuditBrokenAt}");
            Assert.Equal(before.AuditRows, after.AuditRows);
            // A restore never goes over a database that holds data.
            await Assert.ThrowsAsync<InvalidOperationException>(() => restore.RestoreAsync(file, Ct));
        }
        finally
        {
            File.Delete(file);
            if (sqlite)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path.Combine(Path.GetTempPath(), fresh + ".db" + suffix));
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres" }.ConnectionString);
                await server.OpenAsync(Ct);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{fresh}\" WITH (FORCE)", server);
                await drop.ExecuteNonQueryAsync(Ct);
            }
        }
    }
}

public sealed class BackupRestoreTestsOnSqlite(SqliteFactory app) : BackupRestoreTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class BackupRestoreTestsOnPostgres(PostgresFactory app) : BackupRestoreTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Diagnostics;
using Fangkong.Core.Audit;
using Fangkong.Web.Platform.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fangkong.Web.Platform.Data;

public sealed record RestoreCheck(IReadOnlyDictionary<string, long> RowCounts, bool AuditIntact, long AuditRows, long? AuditBrokenAt);

// Backup and restore of the configured database, and the drill's check (README "Backup and restore").
// SQLite: the online backup API (a consistent copy while the host keeps writing). PostgreSQL: pg_dump's
// custom format and pg_restore (both must be on PATH, the same major version as the server or newer).
// Restore only ever goes into an empty database, so it cannot overwrite live data. The check walks the chain
// with the audit key (kept outside the database, so the same key serves the copy): without it keyed rows
// could not be told from forged ones.
public sealed class DatabaseBackup(DatabaseInfo database, Audit.AuditChainKey? chainKey = null)
{
    public async Task BackupAsync(string file, CancellationToken ct)
    {
        if (File.Exists(file)) throw new InvalidOperationException($"{file} exists; a backup never overwrites a file.");
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(database.ConnectionString);
            await source.OpenAsync(ct);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            return;
        }
        var c = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await RunAsync("pg_dump", c, ["--format=custom", "--no-owner", "--file", file, "--dbname", c.Database!], ct);
    }

    // Into the configured database, which must be empty (a PostgreSQL database is created if missing).
    public async Task RestoreAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file} not found", file);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (File.Exists(path) && new FileInfo(path).Length > 0)
                throw new InvalidOperationException($"{path} exists; restore goes into a new, empty database only.");
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await source.OpenAsync(ct);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            return;
        }
        var c = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await EnsureEmptyPostgresDatabaseAsync(c, ct);
        await RunAsync("pg_restore", c, ["--no-owner", "--exit-on-error", "--single-transaction", "--dbname", c.Database!, file], ct);
    }

    // Every table's row count and the audit chain of the configured database: what the drill compares.
    public async Task<RestoreCheck> CheckAsync(CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<FangkongDb>();
        DatabaseSetup.Configure(options, database.Provider, database.ConnectionString);
        await using var db = new FangkongDb(options.Options, JurisdictionContext.ForSystem());
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = database.Provider == DatabaseProvider.Sqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name";
                await using var reader = await list.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
            }
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            long audited = 0;
            var rows = db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable().Select(a => { audited++; return a.ToChainRow(); });
            var broken = chainKey is null ? AuditHashChain.FindFirstBreak(rows) : chainKey.FindFirstBreak(rows);
            return new RestoreCheck(counts, broken is null, audited, broken?.Sequence);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task EnsureEmptyPostgresDatabaseAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var server = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await server.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", server);
            exists.Parameters.AddWithValue("name", target.Database!);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", server);
                await create.ExecuteNonQueryAsync(ct);
                return;
            }
        }
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
        await db.OpenAsync(ct);
        await using var tables = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", db);
        if ((long)(await tables.ExecuteScalarAsync(ct))! > 0)
            throw new InvalidOperationException($"database {target.Database} is not empty; restore goes into a new, empty database only.");
    }

    // The password goes through the environment, never the command line (visible in ps).
    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder c, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add(c.Host ?? "localhost");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(c.Username))
        {
            start.ArgumentList.Add("--username");
            start.ArgumentList.Add(c.Username);
        }
        start.ArgumentList.Add("--no-password");
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(c.Password)) start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
    }
}

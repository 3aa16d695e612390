using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;

namespace Fangkong.Cli.Commands;

internal static class BackupCommand
{
    public static Command CreateBackup(CliHost host)
    {
        var file = new Option<FileInfo>("--to") { Description = "Backup file to write (must not exist).", Required = true };
        var backup = new Command("backup",
            "Back up the configured database while it is in use: SQLite by its online backup API (the file is a SQLite "
            + "database), PostgreSQL by pg_dump --format=custom (pg_dump on PATH). Prints every table's row count and the "
            + "audit chain's state. Exit 0 done; 1 failed.") { file };
        backup.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            if (!await host.RequireSchemaAsync(services, ct)) return ExitCodes.Failed;
            var path = parse.GetValue(file)!.FullName;
            var backups = services.GetRequiredService<DatabaseBackup>();
            await backups.BackupAsync(path, ct);
            var check = await backups.CheckAsync(ct);
            Print(host, check);
            await services.GetRequiredService<AuditLog>().AppendAsync(CliHost.Actor,
                new AuditEvent("db.backup", AuditOutcome.Success, "database", Path.GetFileName(path), $"tables={check.RowCounts.Count}; rows={check.RowCounts.Values.Sum()}"), ct);
            host.Terminal.Out.WriteLine($"backup written to {path}");
            return ExitCodes.Ok;
        }, ct));
        return backup;
    }

    public static Command CreateRestore(CliHost host)
    {
        var file = new Option<FileInfo>("--from") { Description = "Backup file written by `fangkong backup`.", Required = true };
        var restore = new Command("restore",
            "Restore a backup into the configured database, which must be new or empty (PostgreSQL: created if missing; "
            + "pg_restore on PATH). Then prints every table's row count and verifies the audit chain. "
            + "Exit 0 restored and intact; 1 failed or the chain does not verify.") { file };
        restore.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            var backups = services.GetRequiredService<DatabaseBackup>();
            await backups.RestoreAsync(parse.GetValue(file)!.FullName, ct);
            var check = await backups.CheckAsync(ct);
            Print(host, check);
            // Not audited into the restored chain: the drill compares it with the source as it was backed up.
            return check.AuditIntact ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));
        return restore;
    }

    private static void Print(CliHost host, RestoreCheck check)
    {
        foreach (var (table, rows) in check.RowCounts) host.Terminal.Out.WriteLine($"{table}\t{rows}");
        if (check.AuditIntact) host.Terminal.Out.WriteLine($"audit chain intact: {check.AuditRows} rows");
        else host.Terminal.Err.WriteLine($"audit chain TAMPERED at sequence {check.AuditBrokenAt}");
    }
}

using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Commands;

internal static class DbMigrateCommand
{
    public static Command Create(CliHost host)
    {
        var migrate = new Command("migrate", "Apply pending schema migrations and create the roles; prints each migration applied. Exit 0 done or already current; 1 failed.");
        migrate.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            var db = services.GetRequiredService<FangkongDb>();
            var connection = db.Database.GetDbConnection();
            // Where, but never the connection string itself: it may hold a password.
            var provider = services.GetRequiredService<DatabaseInfo>().Provider;
            host.Terminal.Out.WriteLine(provider == DatabaseProvider.Sqlite
                ? $"database: SQLite {connection.DataSource}"
                : $"database: PostgreSQL {connection.DataSource} {connection.Database}");
            var applied = await host.MigrateAsync(services, ct);
            var total = (await db.Database.GetAppliedMigrationsAsync(ct)).Count();
            host.Terminal.Out.WriteLine(applied.Count == 0
                ? $"schema is current ({total} migrations applied earlier)"
                : $"{applied.Count} migrations applied; schema is current ({total} in all)");
            return ExitCodes.Ok;
        }, ct));

        var db = new Command("db", "Database schema.");
        db.Subcommands.Add(migrate);
        return db;
    }
}

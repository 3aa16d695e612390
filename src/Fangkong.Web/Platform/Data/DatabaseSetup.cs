using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Fangkong.Web.Platform.Data;

public enum DatabaseProvider { Sqlite, PostgreSQL }

public static class DatabaseSetup
{
    // Database:Provider = Sqlite | PostgreSQL, ConnectionStrings:Fangkong. With neither, a SQLite file
    // under ./data/ is used (created on first start).
    public static IServiceCollection AddFangkongDatabase(this IServiceCollection services, IConfiguration config)
    {
        var (provider, connectionString) = Resolve(config);
        services.AddSingleton(new DatabaseInfo(provider, connectionString));
        // Options are a singleton so services outside a request (the audit log, seeding) can open contexts.
        services.AddDbContext<FangkongDb>(options => Configure(options, provider, connectionString),
            optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }

    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration config)
    {
        var providerName = config["Database:Provider"];
        var provider = providerName switch
        {
            null or "" or "Sqlite" or "sqlite" or "SQLite" => DatabaseProvider.Sqlite,
            "PostgreSQL" or "postgresql" or "Postgres" or "postgres" => DatabaseProvider.PostgreSQL,
            _ => throw new InvalidOperationException(
                $"Database:Provider '{providerName}' is not supported; use Sqlite or PostgreSQL."),
        };
        var connectionString = config.GetConnectionString("Fangkong");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.PostgreSQL)
                throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:Fangkong is not set.");
            var dataDirectory = Path.GetFullPath(config["Database:DataDirectory"] ?? "data");
            Directory.CreateDirectory(dataDirectory);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "fangkong.db")}";
        }
        if (provider == DatabaseProvider.PostgreSQL)
        {
            // Every acknowledged submission must survive a crash, whatever the server's default says.
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Options = string.Join(' ', new[] { builder.Options, "-c synchronous_commit=on" }.Where(o => !string.IsNullOrWhiteSpace(o)));
            connectionString = builder.ConnectionString;
        }
        return (provider, connectionString);
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
            options.UseSqlite(connectionString).AddInterceptors(SqliteDurability.Instance);
        else
            options.UseNpgsql(connectionString);
        // Migrations are hand-written (no design-time package on the feed), so there is no model
        // snapshot to compare against; a test checks the migrated schema against the model instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    // WAL with synchronous=FULL: a committed write survives power loss. busy_timeout makes concurrent
    // writers wait for the lock instead of failing at once.
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString);

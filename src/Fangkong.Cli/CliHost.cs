using Fangkong.Web.Platform;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Fangkong.Cli;

// The platform's services exactly as the web host registers them — the same appsettings.json from the
// current directory, environment variables (Database__Provider, ConnectionStrings__Fangkong) and
// defaults — built but never run, so no port is opened. --provider and --connection override for one run.
internal sealed class CliHost(Terminal terminal)
{
    public Terminal Terminal => terminal;

    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = "Sqlite or PostgreSQL; overrides Database:Provider.",
        Recursive = true,
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "Connection string; overrides ConnectionStrings:Fangkong (default: a SQLite file ./data/fangkong.db).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show informational log lines and full error details on stderr.",
        Recursive = true,
    };

    // Who the audit trail names for work done from a shell on the server.
    public static AuditActor Actor => new("cli:" + Environment.UserName, "cli", "local");

    public void AddGlobalOptions(RootCommand root)
    {
        // Checked at parse time so a typo is a usage error (exit 2), not a failure inside the host.
        Provider.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value
                && !value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
                && !value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                && !value.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
                result.AddError($"--provider must be Sqlite or PostgreSQL, not '{value}'.");
        });
        root.Options.Add(Provider);
        root.Options.Add(Connection);
        root.Options.Add(Verbose);
    }

    public async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder();
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Provider) is { Length: > 0 } provider) overrides["Database:Provider"] = provider;
        if (parse.GetValue(Connection) is { Length: > 0 } connection) overrides["ConnectionStrings:Fangkong"] = connection;
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(terminal.Err, parse.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning));
        builder.AddFangkongPlatform();

        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        // An operator with a shell on the server is outside any one jurisdiction.
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        return await work(scope.ServiceProvider, ct);
    }

    // Commands that write bring the schema up to date first, as the web host does on start.
    public async Task<IReadOnlyList<string>> MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var pending = (await services.GetRequiredService<FangkongDb>().Database.GetPendingMigrationsAsync(ct)).ToList();
        await services.GetRequiredService<DatabasePreparation>().MigrateAsync(ct);
        foreach (var name in pending) terminal.Out.WriteLine($"applied migration {name}");
        if (pending.Count > 0)
            await services.GetRequiredService<AuditLog>().AppendAsync(Actor,
                new AuditEvent("db.migrate", AuditOutcome.Success, "database", null, string.Join(", ", pending)), ct);
        return pending;
    }

    // Commands that only read must not change the database, not even its schema.
    public async Task<bool> RequireSchemaAsync(IServiceProvider services, CancellationToken ct)
    {
        var pending = await services.GetRequiredService<FangkongDb>().Database.GetPendingMigrationsAsync(ct);
        if (!pending.Any()) return true;
        terminal.Err.WriteLine("error: the database schema is not current; run `fangkong db migrate` first.");
        return false;
    }
}

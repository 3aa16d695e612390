namespace Fangkong.Cli.Tests;

// Ezhou (4207) is small, so one migrated and seeded database serves every test of a class.
public sealed class EzhouDatabase : IAsyncLifetime
{
    public CliDatabase Db { get; } = new();
    public CliResult Migrate { get; private set; } = null!;
    public CliResult Seed { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Migrate = await Db.RunAsync("db", "migrate");
        Seed = await Db.RunAsync("seed", "--city", "4207");
    }

    public ValueTask DisposeAsync()
    {
        Db.Dispose();
        return ValueTask.CompletedTask;
    }
}

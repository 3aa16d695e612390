using Microsoft.Data.Sqlite;

namespace Fangkong.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}

// A temp SQLite file, and the CLI run in-process against it exactly as `fangkong … --connection` would be.
public sealed class CliDatabase : IDisposable
{
    public string FilePath { get; } = Path.Combine(Path.GetTempPath(), $"fangkong-cli-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={FilePath}";

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? standardInput, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var input = new StringReader(standardInput ?? "");
        var exit = await Cli.RunAsync([.. args, "--connection", ConnectionString], Terminal.Redirected(output, errors, input),
            TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), errors.ToString());
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Districts, streets and committees stored for a city (DivisionLevel 3, 4, 5).
    public (int Districts, int Streets, int Committees) DivisionCounts(string city)
    {
        int Level(int level) => (int)Scalar($"""SELECT COUNT(*) FROM "Divisions" WHERE "CityCode" = '{city}' AND "Level" = {level}""");
        return (Level(3), Level(4), Level(5));
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(connection);
        foreach (var suffix in new[] { "", "-wal", "-shm", ".audit-anchor" })
            File.Delete(FilePath + suffix);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Fangkong.Web.Tests.Infrastructure;

// The real host, on a real database seeded with the Shanghai demo city. Each test class gets its own
// database, copied from one seeded template per test run, so classes cannot disturb each other.
public abstract class FangkongFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestClock Clock { get; } = new();

    // The audit chain's key and anchor live outside the database: one test key for the run, and an anchor
    // file per database, copied from the template's with the database itself.
    public const string AuditKey = "k72l/l7djfK7tNUckUH6vssqO0hen4dxkTVF4upA15A=";
    public string AnchorPath { get; } = Path.Combine(Path.GetTempPath(), $"fangkong-anchor-{Guid.NewGuid():N}.log");

    protected void CopyTemplateAnchor(string templateAnchor)
    {
        if (File.Exists(templateAnchor)) File.Copy(templateAnchor, AnchorPath, overwrite: true);
    }

    protected static void ConfigureAudit(IWebHostBuilder builder, string anchorPath)
    {
        builder.UseSetting("Audit:Key", AuditKey);
        builder.UseSetting("Audit:AnchorFile", anchorPath);
    }

    // Tests sign in far more often than people do; the rate-limit test sets its own small budget.
    protected virtual int SignInAttemptsPerMinute => 100_000;
    protected virtual string Mode => "Demo";
    public abstract string ProviderName { get; }
    protected abstract string ConnectionString { get; }

    // Null when the database is available; otherwise why not (the test then skips, or fails under CI).
    public abstract string? Unavailable { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", ProviderName);
        builder.UseSetting("ConnectionStrings:Fangkong", ConnectionString);
        builder.UseSetting("Fangkong:DemoCity", "3101");
        builder.UseSetting("Fangkong:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Fangkong:Mode", Mode);
        ConfigureAudit(builder, AnchorPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Every committee's risk level at start would cost each test host seconds; tests compute what they need.
        builder.UseSetting("RiskAreas:DailyComputation", "false");
        // Retention would anonymise the demo's ended episodes at start; RetentionTests run it on purpose.
        builder.UseSetting("Retention:Daily", "false");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public abstract ValueTask InitializeAsync();

    public new virtual async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { File.Delete(AnchorPath); } catch (IOException) { }
    }

    public void EnsureAvailable()
    {
        if (Unavailable is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{ProviderName} tests must run under CI, but: {Unavailable}");
        Assert.Skip($"{ProviderName} not available: {Unavailable}");
    }

    public HttpClient Anonymous()
    {
        EnsureAvailable();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task<HttpClient> SignedIn(string userName, string password = DemoAccounts.Password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"login of {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    // Creates an account as operators would (三权分立): the system administrator creates it with an
    // initial password, the security administrator grants role and scope and receives the activation
    // code, and the owner signs in with both and sets a password of their own.
    public async Task<HttpClient> UserWithScope(string role, string? division = null, Guid? facility = null)
    {
        var account = await NewAccount(role, division, facility);
        return await SignedIn(account.UserName, account.Password);
    }

    public sealed record Account(string Id, string UserName, string Password);

    public const string InitialPassword = "Initial-Test-Passw0rd!";
    public const string OwnPassword = "Owners-Own-Passw0rd!";

    // Created, granted and through its first sign-in: ready to use with Password.
    public async Task<Account> NewAccount(string role, string? division = null, Guid? facility = null, string? userName = null)
    {
        var (id, name, activationCode) = await CreateAndGrant(role, division, facility, userName);
        var first = await SignedIn(name, InitialPassword + activationCode);
        var changed = await first.PostAsJsonAsync("/api/auth/password", new { currentPassword = InitialPassword + activationCode, newPassword = OwnPassword });
        Assert.True(changed.IsSuccessStatusCode, $"first password change of {name}: {(int)changed.StatusCode} {await changed.Content.ReadAsStringAsync()}");
        return new Account(id, name, OwnPassword);
    }

    // Created by sysadmin with InitialPassword, granted by secadmin; not yet signed in.
    public async Task<(string Id, string UserName, string ActivationCode)> CreateAndGrant(string role, string? division = null, Guid? facility = null, string? userName = null)
    {
        userName ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}"[..40];
        var sysadmin = await SignedIn("sysadmin");
        var created = await sysadmin.PostAsJsonAsync("/api/users", new { userName, displayName = $"测试 {role}", password = InitialPassword });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        var secadmin = await SignedIn("secadmin");
        var granted = await secadmin.PutAsJsonAsync($"/api/users/{id}/assignment", new { role, scopeDivisionCode = division, scopeFacilityId = facility });
        Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync());
        var code = (await granted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("activationCode").GetString()!;
        return (id, userName, code);
    }

    public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn);
}

public sealed class SqliteFactory : SqliteFactoryBase;

// SQLite, one database file per fixture copied from the seeded template.
public class SqliteFactoryBase : FangkongFactory
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fangkong-test-{Guid.NewGuid():N}.db");

    public override string ProviderName => "Sqlite";
    protected override string ConnectionString => $"Data Source={_path}";
    public override string? Unavailable => null;

    public override async ValueTask InitializeAsync()
    {
        var template = await Template();
        File.Copy(template, _path);
        CopyTemplateAnchor(template + ".anchor");
    }

    // Seeding Shanghai takes seconds, so it is done once and the file copied for each class.
    private static async Task<string> Template()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var path = Path.Combine(Path.GetTempPath(), $"fangkong-template-{Guid.NewGuid():N}.db");
            await using (var seeding = new SeedingFactory("Sqlite", $"Data Source={path}", path + ".anchor"))
                seeding.CreateClient().Dispose();
            SqliteConnection.ClearAllPools();
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
            return _template = path;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_path + suffix); } catch (IOException) { }
    }
}

// PostgreSQL from FANGKONG_TEST_POSTGRES (a connection string to a server where the user may create
// databases; .ci/run starts a throwaway cluster). Each class gets a database cloned from a seeded template.
public sealed class PostgresFactory : FangkongFactory
{
    public const string Variable = "FANGKONG_TEST_POSTGRES";
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;
    private readonly string _database = $"fk_test_{Guid.NewGuid():N}"[..30];
    private static readonly string? ServerConnection = Environment.GetEnvironmentVariable(Variable) ?? ThrowawayCluster.TryStart();

    public override string ProviderName => "PostgreSQL";
    protected override string ConnectionString => With(_database);
    public override string? Unavailable => string.IsNullOrWhiteSpace(ServerConnection)
        ? $"{Variable} is not set and no PostgreSQL server binaries were found to start a throwaway cluster (apt-get install postgresql)" : null;

    public override async ValueTask InitializeAsync()
    {
        if (Unavailable is not null) return;
        var template = await Template();
        await Execute($"CREATE DATABASE \"{_database}\" TEMPLATE \"{template}\"");
        CopyTemplateAnchor(TemplateAnchor(template));
    }

    private static async Task<string> Template()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = $"fk_template_{Guid.NewGuid():N}"[..30];
            await Execute($"CREATE DATABASE \"{name}\"");
            await using (var seeding = new SeedingFactory("PostgreSQL", With(name), TemplateAnchor(name)))
                seeding.CreateClient().Dispose();
            NpgsqlConnection.ClearAllPools();
            return _template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Unavailable is not null) return;
        NpgsqlConnection.ClearAllPools();
        await Execute($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    private static string TemplateAnchor(string template) => Path.Combine(Path.GetTempPath(), $"{template}.anchor");

    private static string With(string database) => new NpgsqlConnectionStringBuilder(ServerConnection) { Database = database, Pooling = true }.ConnectionString;

    private static async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(With("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

// Starts the host once on an empty database, which migrates and seeds the demo city: the template.
internal sealed class SeedingFactory(string provider, string connectionString, string anchorPath) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Fangkong", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Audit:Key", FangkongFactory.AuditKey);
        builder.UseSetting("Audit:AnchorFile", anchorPath);
        // Every committee's risk level at start would cost each test host seconds; tests compute what they need.
        builder.UseSetting("RiskAreas:DailyComputation", "false");
        // Retention would anonymise the demo's ended episodes at start; RetentionTests run it on purpose.
        builder.UseSetting("Retention:Daily", "false");
        // The demo is seeded relative to "now": the template's now is the tests' now, never the wall clock.
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new TestClock());
        });
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

public abstract class AuditAndStorageTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FangkongDb SystemDb(IServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        return scope.ServiceProvider.GetRequiredService<FangkongDb>();
    }

    [Fact]
    public async Task Logins_of_both_outcomes_are_in_the_hash_chained_audit_and_the_chain_verifies()
    {
        await app.SignedIn("commander");
        await app.Anonymous().PostAsJsonAsync("/api/auth/token", new { userName = "commander", password = "not-it-at-all" }, Ct);
        var auditor = await app.SignedIn("auditor");
        var logins = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?user=commander&action=login&pageSize=100", Ct);
        var outcomes = logins.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()).ToHashSet();
        Assert.Contains("success", outcomes);
        Assert.Contains("failure", outcomes);
        Assert.DoesNotContain("not-it-at-all", logins.ToString());

        var verify = await auditor.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.True(verify.GetProperty("rowsChecked").GetInt64() > 2);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_rows()
    {
        await app.SignedIn("commander");
        using var scope = app.Services.CreateScope();
        var db = SystemDb(scope);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = 'changed' WHERE "Sequence" = 1""", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 1""", Ct));
    }

    [Fact]
    public async Task Every_table_and_column_of_the_model_exists_in_the_migrated_schema()
    {
        app.EnsureAvailable();
        _ = app.Server; // start the host: it migrates on start
        using var scope = app.Services.CreateScope();
        var db = SystemDb(scope);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var expected = entity.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.IsSqlite()
                ? $"SELECT name FROM pragma_table_info('{table}')"
                : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'";
            var actual = new HashSet<string>();
            await using (var reader = await command.ExecuteReaderAsync(Ct))
                while (await reader.ReadAsync(Ct)) actual.Add(reader.GetString(0));
            Assert.True(expected.IsSubsetOf(actual), $"{table}: missing {string.Join(", ", expected.Except(actual))}");
        }
    }

    [Fact]
    public async Task Writes_are_durable_WAL_with_synchronous_FULL_on_SQLite_and_synchronous_commit_on_PostgreSQL()
    {
        app.EnsureAvailable();
        _ = app.Server;
        using var scope = app.Services.CreateScope();
        var db = SystemDb(scope);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        async Task<string> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        if (db.Database.IsSqlite())
        {
            Assert.Equal("wal", await Scalar("PRAGMA journal_mode"));
            Assert.Equal("2", await Scalar("PRAGMA synchronous")); // 2 = FULL
        }
        else
        {
            Assert.Equal("on", await Scalar("SHOW synchronous_commit"));
        }
    }
}

public sealed class AuditAndStorageTestsOnSqlite(SqliteFactory app) : AuditAndStorageTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class AuditAndStorageTestsOnPostgres(PostgresFactory app) : AuditAndStorageTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

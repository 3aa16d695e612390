namespace Fangkong.Web.Tests.Infrastructure;

// Every HTTP test class is written once as an abstract class over the factory type and declared twice,
// so the same suite runs on SQLite and on PostgreSQL:
//   public abstract class FooTests<TFactory>(TFactory app) where TFactory : FangkongFactory { ... }
//   public sealed class FooTestsOnSqlite(SqliteFactory app) : FooTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
//   public sealed class FooTestsOnPostgres(PostgresFactory app) : FooTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;
internal static class Providers;

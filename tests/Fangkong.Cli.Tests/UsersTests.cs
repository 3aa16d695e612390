using Fangkong.Web.Platform.Access;

namespace Fangkong.Cli.Tests;

public sealed class UsersTests
{
    private const string Password = "Cli-Test-Passw0rd!";

    [Theory]
    [InlineData(Roles.SecurityAdmin, false)]
    [InlineData(Roles.Auditor, true)]
    public async Task Create_admin_reads_the_password_from_stdin_assigns_the_role_and_audits(string role, bool passwordStdinFlag)
    {
        using var db = new CliDatabase();
        string[] args = ["users", "create-admin", "--user", "first.admin", "--role", role];

        var created = await db.RunWithInputAsync(Password + "\n", passwordStdinFlag ? [.. args, "--password-stdin"] : args);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(1, db.Scalar($"""
            SELECT COUNT(*) FROM "AspNetUsers" u JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
            WHERE u."UserName" = 'first.admin' AND r."Name" = '{role}' AND u."IsDemo" = 0 AND u."IsEnabled" = 1
            """));
        Assert.Equal(1, db.Scalar($"""
            SELECT COUNT(*) FROM "AuditEntries" WHERE "Action" = 'user.create' AND "Outcome" = 'success'
            AND "UserName" = 'cli:{Environment.UserName}' AND "Detail" LIKE 'role={role}%'
            """));
        // The password itself never reaches the audit trail.
        Assert.Equal(0, db.Scalar($"""SELECT COUNT(*) FROM "AuditEntries" WHERE "Detail" LIKE '%{Password}%'"""));
    }

    [Fact]
    public async Task Create_admin_refuses_an_existing_user_with_exit_1_and_leaves_it_unchanged()
    {
        using var db = new CliDatabase();
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "first.admin", "--role", "SecurityAdmin")).ExitCode);
        var hash = db.Scalar("""SELECT length("PasswordHash") FROM "AspNetUsers" WHERE "UserName" = 'first.admin'""");

        var again = await db.RunWithInputAsync("Another-Passw0rd!", "users", "create-admin", "--user", "first.admin", "--role", "Auditor");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Err);
        Assert.Equal(1, db.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" """));
        Assert.Equal(hash, db.Scalar("""SELECT length("PasswordHash") FROM "AspNetUsers" WHERE "UserName" = 'first.admin'"""));
    }

    [Theory]
    [InlineData("short", "at least 8")]
    [InlineData("password123", "too common")]
    [InlineData("alllowercaseletters", "mix at least")]
    [InlineData(DemoAccounts.Password, "demo password")]
    [InlineData("", "no password")]
    public async Task Create_admin_refuses_a_password_the_policy_refuses_with_exit_2(string password, string reason)
    {
        using var db = new CliDatabase();

        var refused = await db.RunWithInputAsync(password, "users", "create-admin", "--user", "first.admin", "--role", "SecurityAdmin");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(reason, refused.Err);
        if (File.Exists(db.FilePath))
            Assert.Equal(0, db.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" """));
    }

    [Fact]
    public async Task Disable_demo_disables_every_demo_account_ends_its_sessions_and_audits_each()
    {
        using var db = new CliDatabase();
        var seeded = await db.RunAsync("seed", "--city", "4207", "--accounts");
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        var demoAccounts = DemoAccounts.For("4207").Count;
        Assert.Equal(demoAccounts, db.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" WHERE "IsDemo" = 1 AND "IsEnabled" = 1"""));
        Assert.Equal(0, (await db.RunWithInputAsync(Password, "users", "create-admin", "--user", "real.admin", "--role", "SecurityAdmin")).ExitCode);
        var stampsBefore = Stamps(db);

        var disabled = await db.RunAsync("users", "disable-demo");

        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        Assert.Contains($"disabled {demoAccounts} demo accounts", disabled.Out);
        Assert.Equal(0, db.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" WHERE "IsDemo" = 1 AND "IsEnabled" = 1"""));
        Assert.Equal(1, db.Scalar("""SELECT COUNT(*) FROM "AspNetUsers" WHERE "UserName" = 'real.admin' AND "IsEnabled" = 1"""));
        Assert.Equal(demoAccounts, db.Scalar("""SELECT COUNT(*) FROM "AuditEntries" WHERE "Action" = 'user.disable' AND "UserName" LIKE 'cli:%'"""));
        var stampsAfter = Stamps(db);
        Assert.All(stampsBefore.Where(s => s.Key != "real.admin"), s => Assert.NotEqual(s.Value, stampsAfter[s.Key]));
        Assert.Equal(stampsBefore["real.admin"], stampsAfter["real.admin"]);

        var again = await db.RunAsync("users", "disable-demo");
        Assert.Contains("disabled 0 demo accounts", again.Out);
        Assert.Equal(0, (await db.RunAsync("audit", "verify")).ExitCode);
    }

    private static Dictionary<string, string> Stamps(CliDatabase db)
    {
        using var connection = db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "UserName", "SecurityStamp" FROM "AspNetUsers" """;
        using var reader = command.ExecuteReader();
        var stamps = new Dictionary<string, string>();
        while (reader.Read()) stamps[reader.GetString(0)] = reader.GetString(1);
        return stamps;
    }
}

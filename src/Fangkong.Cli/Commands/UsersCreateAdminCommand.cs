using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Commands;

// A production installation has no demo accounts, so its first security administrator (who then
// creates everyone else in the UI) can only come from someone with a shell on the server.
internal static class UsersCreateAdminCommand
{
    public static Command Create(CliHost host)
    {
        var user = new Option<string>("--user") { Description = "User name: 3-64 letters, digits or . _ -", Required = true };
        var role = new Option<string>("--role") { Description = "One of the separated administrator duties.", Required = true };
        role.AcceptOnlyFromAmong(Roles.SecurityAdmin, Roles.SystemAdmin, Roles.Auditor);
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in the UI (default: the user name)." };
        var division = new Option<string?>("--division") { Description = "Jurisdiction (division code) for a SystemAdmin; security administrators and auditors have none." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input. Without it the password is prompted for (not echoed) on a terminal, or read from piped input.",
        };
        var command = new Command("create-admin",
            "Create an administrator account. The password never goes on the command line (shell history, process list); "
            + "it must pass the platform's password policy. Exit 0 created; 1 the user already exists or creation failed; 2 invalid name, division or password.")
        {
            user, role, displayName, division, passwordStdin,
        };
        command.SetAction((parse, ct) => host.RunAsync(parse, (services, ct) => CreateAsync(host, services,
            parse.GetValue(user)!.Trim(), parse.GetValue(role)!, parse.GetValue(displayName), parse.GetValue(division), parse.GetValue(passwordStdin), ct), ct));
        return command;
    }

    private static async Task<int> CreateAsync(CliHost host, IServiceProvider services, string userName, string role,
        string? displayName, string? division, bool passwordFromStdin, CancellationToken ct)
    {
        var errors = host.Terminal.Err;
        // The same rule the security administrator's UI applies.
        if (userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            errors.WriteLine("error: --user must be 3-64 letters, digits or . _ -");
            return ExitCodes.Usage;
        }
        var password = passwordFromStdin ? host.Terminal.In.ReadLine() : ReadConfirmed(host.Terminal);
        if (string.IsNullOrEmpty(password))
        {
            errors.WriteLine("error: no password given on standard input.");
            return ExitCodes.Usage;
        }
        if (password == DemoAccounts.Password)
        {
            errors.WriteLine("error: that is the published demo password.");
            return ExitCodes.Usage;
        }

        await host.MigrateAsync(services, ct);
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var audit = services.GetRequiredService<AuditLog>();
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            errors.WriteLine($"error: user '{userName}' already exists; it was left unchanged.");
            await audit.AppendAsync(CliHost.Actor, new AuditEvent("user.create", AuditOutcome.Failure, "user", existing.Id, "already exists"), ct);
            return ExitCodes.Failed;
        }
        var scope = string.IsNullOrWhiteSpace(division) ? null : division.Trim();
        if (scope is not null && (role != Roles.SystemAdmin
            || !await services.GetRequiredService<FangkongDb>().Divisions.AnyAsync(d => d.Code == scope, ct)))
        {
            errors.WriteLine(role != Roles.SystemAdmin
                ? $"error: a {role} has no division scope; leave out --division."
                : $"error: division {scope} is not loaded (seed its city first).");
            return ExitCodes.Usage;
        }

        var account = new AppUser
        {
            UserName = userName,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            ScopeDivisionCode = scope,
            LockoutEnabled = true,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) errors.WriteLine($"error: {e.Description}");
            return created.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? ExitCodes.Usage : ExitCodes.Failed;
        }
        var assigned = await users.AddToRoleAsync(account, role);
        if (!assigned.Succeeded)
        {
            // No half-made administrator: an account without its role would be a login with no duties.
            await users.DeleteAsync(account);
            foreach (var e in assigned.Errors) errors.WriteLine($"error: {e.Description}");
            return ExitCodes.Failed;
        }
        await audit.AppendAsync(CliHost.Actor, new AuditEvent("user.create", AuditOutcome.Success, "user", account.Id,
            $"role={role}; scope={scope}"), ct);
        host.Terminal.Out.WriteLine($"created {role} '{userName}' (id {account.Id})");
        return ExitCodes.Ok;
    }

    private static string? ReadConfirmed(Terminal terminal)
    {
        var password = terminal.ReadSecret("Password: ");
        if (!terminal.Interactive || string.IsNullOrEmpty(password)) return password;
        if (terminal.ReadSecret("Repeat password: ") == password) return password;
        terminal.Err.WriteLine("error: the passwords differ.");
        return null;
    }
}

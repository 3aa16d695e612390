using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Commands;

// Demo accounts carry a published password; an installation going into production retires them all.
internal static class UsersDisableDemoCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("disable-demo",
            "Disable every enabled demo account and end its sessions and tokens; prints how many. Exit 0 done (also when there were none); 1 failed.");
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            await host.MigrateAsync(services, ct);
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var audit = services.GetRequiredService<AuditLog>();
            var demo = await users.Users.Where(u => u.IsDemo && u.IsEnabled).OrderBy(u => u.UserName).ToListAsync(ct);
            foreach (var user in demo)
            {
                user.IsEnabled = false;
                Check(await users.UpdateAsync(user), user);
                // A new security stamp invalidates the cookies and bearer tokens already issued.
                Check(await users.UpdateSecurityStampAsync(user), user);
                await audit.AppendAsync(CliHost.Actor, new AuditEvent("user.disable", AuditOutcome.Success, "user", user.Id, "demo account"), ct);
                host.Terminal.Out.WriteLine($"disabled {user.UserName}");
            }
            host.Terminal.Out.WriteLine($"disabled {demo.Count} demo accounts");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void Check(IdentityResult result, AppUser user)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"{user.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}

namespace Fangkong.Cli.Commands;

internal static class UsersCommand
{
    public static Command Create(CliHost host)
    {
        var users = new Command("users", "Accounts: the first administrators of a production installation, and retiring demo accounts.");
        users.Subcommands.Add(UsersCreateAdminCommand.Create(host));
        users.Subcommands.Add(UsersDisableDemoCommand.Create(host));
        return users;
    }
}

using System.CommandLine.Invocation;
using Fangkong.Cli.Commands;

namespace Fangkong.Cli;

internal static class Cli
{
    internal static Task<int> RunAsync(string[] args, TextWriter @out, TextWriter err) =>
        RunAsync(args, Terminal.Redirected(@out, err));

    internal static async Task<int> RunAsync(string[] args, Terminal terminal, CancellationToken ct = default)
    {
        var host = new CliHost(terminal);
        var root = new RootCommand(
            """
            Fangkong command-line tool: schema, seeding, audit, account, retention, backup and restore tasks, run on the server;
            and analyst computations (rt, seir, hospital-demand) on CSV/JSON files, which need no database.
            Configuration is the web host's: appsettings.json in the current directory, then environment
            variables (Database__Provider, ConnectionStrings__Fangkong), then --provider / --connection.
            Exit codes: 0 success; 1 failed, refused, not found or tampered; 2 invalid arguments.
            """);
        host.AddGlobalOptions(root);
        root.Subcommands.Add(DbMigrateCommand.Create(host));
        root.Subcommands.Add(SeedCommand.Create(host));
        root.Subcommands.Add(AuditVerifyCommand.Create(host));
        root.Subcommands.Add(UsersCommand.Create(host));
        root.Subcommands.Add(DivisionsShowCommand.Create(host));
        root.Subcommands.Add(ScreeningCommand.Create(host));
        root.Subcommands.Add(RetentionCommand.Create(host));
        root.Subcommands.Add(BackupCommand.CreateBackup(host));
        root.Subcommands.Add(BackupCommand.CreateRestore(host));
        // Analyst commands: pure computations on files and options; they start no host and open no database.
        root.Subcommands.Add(RtCommand.Create(host));
        root.Subcommands.Add(SeirCommand.Create(host));
        root.Subcommands.Add(HospitalDemandCommand.Create(host));
        root.Subcommands.Add(McfCommand.Create(host));
        root.Subcommands.Add(HealthCodeCommand.Create(host));

        var parse = root.Parse(args);
        // Usage errors get their own exit code so a script can tell "you called me wrong" from "it failed".
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors) terminal.Err.WriteLine($"error: {error.Message}");
            terminal.Err.WriteLine("Run `fangkong --help` for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = terminal.Out,
                Error = terminal.Err,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C (System.CommandLine turns it into cancellation): an answer, not a crash with a stack trace.
            terminal.Err.WriteLine("cancelled");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            // An operator needs the cause (database unreachable, file missing), not a stack trace, unless asked.
            terminal.Err.WriteLine($"error: {e.GetBaseException().Message}");
            if (parse.GetValue(host.Verbose)) terminal.Err.WriteLine(e);
            return ExitCodes.Failed;
        }
    }
}

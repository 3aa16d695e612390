using Fangkong.Web.Features.Retention;

namespace Fangkong.Cli.Commands;

internal static class RetentionCommand
{
    public static Command Create(CliHost host)
    {
        var run = new Command("run",
            "Anonymise personal data whose purpose has ended (windows in configuration section Retention), as the daily "
            + "job does: prints each kind and its row count; each kind is one audit entry. Exit 0 done; 1 failed.");
        run.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            await host.MigrateAsync(services, ct);
            var result = await services.GetRequiredService<RetentionJob>().RunAsync(CliHost.Actor, ct);
            foreach (var kind in result.Kinds)
                host.Terminal.Out.WriteLine($"{kind.Kind}: {kind.Rows} anonymised (window {kind.Days} days{(kind.Detail is null ? "" : "; " + kind.Detail)})");
            return ExitCodes.Ok;
        }, ct));

        var retention = new Command("retention", "Retention of personal data.");
        retention.Subcommands.Add(run);
        return retention;
    }
}

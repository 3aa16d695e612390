using Fangkong.Web.Features.AuditTrail;

namespace Fangkong.Cli.Commands;

internal static class AuditVerifyCommand
{
    public static Command Create(CliHost host)
    {
        var verify = new Command("verify",
            "Walk the hash-chained audit trail from its first row and recompute every hash. "
            + "Prints \"intact: N rows\" (exit 0) or \"TAMPERED at sequence S: reason\" on stderr (exit 1).");
        // Read-only on purpose: verifying must not extend the chain it is checking.
        verify.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            if (!await host.RequireSchemaAsync(services, ct)) return ExitCodes.Failed;
            var result = services.GetRequiredService<AuditTrailReader>().Verify();
            if (result.Intact)
            {
                host.Terminal.Out.WriteLine($"intact: {result.RowsChecked} rows");
                return ExitCodes.Ok;
            }
            host.Terminal.Err.WriteLine($"TAMPERED at sequence {result.BrokenAt}: {result.Reason}");
            return ExitCodes.Failed;
        }, ct));

        var audit = new Command("audit", "The audit trail.");
        audit.Subcommands.Add(verify);
        return audit;
    }
}

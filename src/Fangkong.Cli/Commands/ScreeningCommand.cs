using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Screening;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Commands;

// Mass screening from a shell: open a round, generate a synthetic sampling file, ingest a file through
// the same SampleIngest the web API uses (so bench/screening.sh times the real path), and compute the
// completion table. Exit 0 done; 1 refused or failed; 2 bad options.
internal static class ScreeningCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliHost host)
    {
        var command = new Command("screening", "Mass screening: open-round, generate, ingest, completion.");
        command.Subcommands.Add(OpenRound(host));
        command.Subcommands.Add(Generate(host));
        command.Subcommands.Add(Ingest(host));
        command.Subcommands.Add(CompletionCommand(host));
        return command;
    }

    private static Command OpenRound(CliHost host)
    {
        var area = new Option<string>("--area") { Description = "Division code of the round's area (city, district, street or committee).", Required = true };
        var name = new Option<string>("--name") { Description = "Name of the round.", DefaultValueFactory = _ => "全员核酸筛查" };
        var pool = new Option<int>("--pool-size") { Description = "Largest pool (10 for 10-in-1).", DefaultValueFactory = _ => 10 };
        var command = new Command("open-round", "Open a round dated today (China time) with its deadline at 23:59; prints the round id.") { area, name, pool };
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            await host.MigrateAsync(services, ct);
            var today = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(8);
            var outcome = await services.GetRequiredService<ScreeningRounds>().OpenAsync(new RoundInput(parse.GetValue(area), parse.GetValue(name),
                today.ToString("yyyy-MM-dd", Inv), today.ToString("yyyy-MM-dd", Inv) + " 23:59", parse.GetValue(pool)), ct);
            if (outcome is WriteOutcome<ScreeningRound>.Done done)
            {
                host.Terminal.Out.WriteLine(done.Value.Id.ToString(Inv));
                return ExitCodes.Ok;
            }
            host.Terminal.Err.WriteLine($"error: {(outcome as WriteOutcome<ScreeningRound>.Invalid)?.Errors}");
            return ExitCodes.Failed;
        }, ct));
        return command;
    }

    private static Command Generate(CliHost host)
    {
        var area = new Option<string>("--area") { Description = "Division code whose committees the residents live in.", Required = true };
        var rows = new Option<int>("--rows") { Description = "Number of sampling records.", DefaultValueFactory = _ => 1_000_000 };
        var pool = new Option<int>("--pool-size") { Description = "Residents per tube.", DefaultValueFactory = _ => 10 };
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write.", Required = true };
        var command = new Command("generate", "Write a synthetic sampling file: valid GB 11643 numbers, pools of --pool-size, residents spread over the area's committees.")
            { area, rows, pool, output };
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            var code = parse.GetValue(area)!;
            var committees = await services.GetRequiredService<FangkongDb>().Divisions.AsNoTracking()
                .Where(d => d.Level == DivisionLevel.Committee && d.Code.StartsWith(code)).OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
            if (committees.Count == 0)
            {
                host.Terminal.Err.WriteLine($"error: no committees under {code}; seed the city first (fangkong seed --city {code[..Math.Min(4, code.Length)]}).");
                return ExitCodes.Usage;
            }
            var n = parse.GetValue(rows);
            var size = parse.GetValue(pool);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var collected = now.AddHours(8).AddMinutes(-30).ToString("yyyy-MM-dd HH:mm", Inv);
            var stamp = now.ToString("HHmmss", Inv);
            var surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
            await using var file = new StreamWriter(parse.GetValue(output)!.FullName, false, new UTF8Encoding(false), 1 << 20);
            await file.WriteLineAsync("tubeCode,poolSize,pointCode,collectedAt,idNumber,name,phone,committeeCode");
            var rng = new Random(2022);
            var first17 = new char[17];
            for (var i = 0; i < n; i++)
            {
                // Residents of one tube live in one committee, as at a committee's own sampling point.
                var committee = committees[i / size % committees.Count];
                // Unique numbers: a birth date per block of 999 serials (1930-01-01 plus up to ~27,000 days).
                var birth = new DateOnly(1930, 1, 1).AddDays(i / 999 % 27_000);
                var serial = i % 999 + 1;
                $"{committee[..6]}{birth:yyyyMMdd}{serial:D3}".CopyTo(first17);
                var id = new string(first17) + ResidentIdNumber.CheckDigit(first17);
                file.Write($"S{stamp}{i / size:D8},{size},,{collected},{id},{surnames[rng.Next(surnames.Length)]}某,139{rng.Next(10_000_000, 99_999_999)},{committee}\n");
            }
            host.Terminal.Out.WriteLine($"wrote {n:N0} sampling records over {committees.Count:N0} committees");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Ingest(CliHost host)
    {
        var round = new Option<int>("--round") { Description = "Round id.", Required = true };
        var input = new Option<FileInfo>("--file") { Description = "Sampling records (CSV).", Required = true };
        var mode = new Option<string>("--mode") { Description = "all (nothing stored if a row is bad) or valid (the good rows).", DefaultValueFactory = _ => "all" };
        var command = new Command("ingest", "Ingest a sampling file through the platform's bulk path (the one POST /api/screening/rounds/{id}/samples uses).") { round, input, mode };
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            if (SheetImports.ParseMode(parse.GetValue(mode)) is not { } importMode)
            {
                host.Terminal.Err.WriteLine("error: --mode must be all or valid");
                return ExitCodes.Usage;
            }
            await using var stream = parse.GetValue(input)!.OpenRead();
            var watch = Stopwatch.StartNew();
            var result = await services.GetRequiredService<SampleIngest>().IngestAsync(parse.GetValue(round), stream, importMode, ct);
            watch.Stop();
            if (result.FileProblem is { } problem)
            {
                host.Terminal.Err.WriteLine($"error: {(problem == "round" ? "no such round" : problem)}");
                return ExitCodes.Failed;
            }
            var r = result.Report!;
            host.Terminal.Out.WriteLine(string.Create(Inv, $"rows={r.TotalRows} stored={r.Imported} refused={r.Rejected} errors={r.ErrorCount} tubes={r.Tubes} seconds={watch.Elapsed.TotalSeconds:F3} rows_per_second={r.TotalRows / watch.Elapsed.TotalSeconds:F0}"));
            foreach (var e in r.Errors.Take(10)) host.Terminal.Err.WriteLine($"  row {e.Row} {e.Field}: {e.Message}");
            return r.Stored ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));
        return command;
    }

    private static Command CompletionCommand(CliHost host)
    {
        var round = new Option<int>("--round") { Description = "Round id.", Required = true };
        var parent = new Option<string?>("--parent") { Description = "Division to break down (default: the round's area)." };
        var command = new Command("completion", "Compute the round's completion table (sampled residents / expected, per child division).") { round, parent };
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            var r = await services.GetRequiredService<ScreeningRounds>().FindAsync(parse.GetValue(round), ct);
            if (r is null)
            {
                host.Terminal.Err.WriteLine("error: no such round");
                return ExitCodes.Failed;
            }
            var watch = Stopwatch.StartNew();
            var table = await services.GetRequiredService<Completion>().TableAsync(r, parse.GetValue(parent), ct);
            watch.Stop();
            if (table is null)
            {
                host.Terminal.Err.WriteLine("error: --parent is not inside the round's area");
                return ExitCodes.Usage;
            }
            host.Terminal.Out.WriteLine(string.Create(Inv, $"area={table.ParentCode} rows={table.Rows.Count} sampled={table.Total.Sampled} expected={table.Total.Expected} rate={table.Total.Rate:P2} seconds={watch.Elapsed.TotalSeconds:F3}"));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}

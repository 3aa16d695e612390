using Fangkong.Core.Geography;
using System.Globalization;
using Fangkong.Optimization.Allocation;
using Fangkong.Optimization.Dimacs;
using Fangkong.Web.Features.Facilities;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Commands;

// `fangkong mcf city-instance`: a full-city allocation instance built from the facility registry of
// the database, written as the tranche min-cost flow (TrancheFormulation) in DIMACS, so our solver,
// glpsol and clp can be timed on the same real-sized network. The facilities and their places are
// real registry rows; need and stock are generated (deterministically from --seed and the size
// fields), because the registry records capacities, not a drug's demand on a given day.
internal static class McfCityInstanceCommand
{
    private static readonly FacilityKind[] SiteKinds =
    [
        FacilityKind.DesignatedHospital, FacilityKind.GeneralHospital, FacilityKind.ShelterHospital,
        FacilityKind.FeverClinic, FacilityKind.CommunityHealthCentre, FacilityKind.Pharmacy,
    ];

    private static readonly FacilityKind[] SourceKinds = [FacilityKind.DrugWarehouse, FacilityKind.Manufacturer];

    public static Command Create(CliHost host)
    {
        var city = new Option<string>("--city")
        {
            Description = "GB/T 2260 city code whose facilities make the instance (the city must be seeded: `fangkong seed --city CODE`).",
            DefaultValueFactory = _ => "3101",
        };
        var seed = AnalystOptions.WholeNumber("--seed", "Seed of the generated need and stock; the same seed and database give the same file.",
            "a whole number >= 0", v => v >= 0, defaultValue: 1);
        var shortage = AnalystOptions.Number("--shortage", "Total stock as a share of total need: 0.7 means 30 % short; above 1 is a surplus.",
            "a number > 0", v => v > 0, defaultValue: 0.7);
        var tranches = AnalystOptions.WholeNumber("--tranches", "Tranches of need per site: the LP is fair to 1/K of need.",
            "a whole number from 1 to 1000", v => v is >= 1 and <= 1000, defaultValue: TrancheFormulation.DefaultTranches);
        var routesPerSite = AnalystOptions.Parsed<int?>("--routes-per-site",
            "Give each site lanes from its N nearest sources only (default: from every source).", "N",
            token => AnalystOptions.ParseInt(token) is { } v && v >= 1 ? (true, v) : (false, null), "a whole number >= 1");
        var output = AnalystOptions.File("--out",
            "The DIMACS min-cost flow file (p min, n, a lines) for `fangkong mcf solve`, `glpsol --mincost`; - for standard output "
            + "(the summary then goes to standard error).", required: true, helpName: "FILE.min|-");
        var engine = new Option<bool>("--engine")
        {
            Description = "Also run the exact allocation engine (fair to the unit) on the same problem and print its time and totals.",
        };

        var command = new Command("city-instance",
            "Write a full-city allocation instance as a tranche min-cost flow in DIMACS: every pharmacy, community health centre, "
            + "fever clinic and hospital of the city as a site (class 1 hospitals and fever clinics, 2 community health centres, "
            + "3 pharmacies), every drug warehouse and manufacturer as a source, lanes weighted by great-circle distance in units "
            + "of 100 m. Reads the database, changes nothing. Exit 0 written; 1 no usable facilities or a failure; 2 invalid options.")
        {
            city, seed, shortage, tranches, routesPerSite, output, engine,
        };
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            if (!await host.RequireSchemaAsync(services, ct)) return ExitCodes.Failed;
            var code = parse.GetValue(city)!.Trim();
            var registry = services.GetRequiredService<FacilityRegistry>();
            var facilities = await registry.Query(new FacilityFilter(DivisionCode: code))
                .Where(f => SiteKinds.Contains(f.Kind) || SourceKinds.Contains(f.Kind))
                .Select(f => new CityFacility(f.Id, f.Kind, f.Latitude, f.Longitude, f.DailyVisits, f.Beds, f.StorageCubicMetres, f.DailyOutputUnits))
                .ToListAsync(ct);
            return Write(host.Terminal, services.GetRequiredService<TimeProvider>(), code, facilities, new Settings(
                parse.GetValue(seed), parse.GetValue(shortage), parse.GetValue(tranches), parse.GetValue(routesPerSite),
                parse.GetValue(output)!, parse.GetValue(engine)));
        }, ct));
        return command;
    }

    private sealed record Settings(int Seed, double Shortage, int Tranches, int? RoutesPerSite, string Out, bool RunEngine);

    private sealed record CityFacility(
        Guid Id, FacilityKind Kind, double? Latitude, double? Longitude, int? DailyVisits, int? Beds, int? StorageCubicMetres, int? DailyOutputUnits);

    private static int Write(Terminal terminal, TimeProvider clock, string city, List<CityFacility> found, Settings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        // The file is the product; when it goes to standard output, the human summary must not mix into it.
        var summary = settings.Out == AnalystOptions.StandardStream ? terminal.Err : terminal.Out;

        // Sorted by id so the same database gives the same file whatever order the query returned.
        var placed = found.Where(f => f.Latitude is not null && f.Longitude is not null).OrderBy(f => f.Id).ToList();
        var sites = placed.Where(f => SiteKinds.Contains(f.Kind)).ToList();
        var sources = placed.Where(f => SourceKinds.Contains(f.Kind)).ToList();
        if (sites.Count == 0 || sources.Count == 0)
        {
            terminal.Err.WriteLine($"error: city {city} has {sites.Count} sites and {sources.Count} sources with coordinates; "
                + $"an instance needs both (seed the city with `fangkong seed --city {city}`).");
            return ExitCodes.Failed;
        }

        var problem = BuildProblem(sites, sources, settings);
        var formulation = TrancheFormulation.Build(problem, settings.Tranches);
        var header =
            $"Fangkong city-instance: city {city}, seed {settings.Seed}, shortage {settings.Shortage.ToString("R", inv)}, "
            + $"routes per site {(settings.RoutesPerSite?.ToString(inv) ?? "all")}; distances in units of 100 m\n"
            + formulation.Describe();
        if (!AnalystOptions.Write(terminal, "--out", settings.Out, writer => DimacsWriter.WriteProblem(writer, formulation.Dimacs, header)))
            return ExitCodes.Usage;

        long totalNeed = problem.Sites.Sum(s => s.Need);
        long totalStock = problem.Sources.Sum(s => s.Available);
        int skipped = found.Count - placed.Count;
        summary.WriteLine($"city {city}: {sites.Count} sites, {sources.Count} sources, {problem.Routes.Count.ToString("N0", inv)} routes"
            + (skipped > 0 ? $" ({skipped} facilities without coordinates left out)" : ""));
        foreach (var kind in SiteKinds.Concat(SourceKinds))
            summary.WriteLine($"  {kind,-22} {placed.Count(f => f.Kind == kind),6}");
        summary.WriteLine($"need {totalNeed.ToString("N0", inv)} units; stock {totalStock.ToString("N0", inv)} units");
        summary.WriteLine($"tranche network: {formulation.Dimacs.NodeCount.ToString("N0", inv)} nodes, {formulation.Dimacs.Arcs.Count.ToString("N0", inv)} arcs, "
            + $"{settings.Tranches} tranches x {formulation.Classes.Count} classes, level step {formulation.LevelStep.ToString("N0", inv)}, "
            + $"|objective| <= {formulation.ObjectiveBound.ToString("N0", inv)}"
            + (formulation.ExactInDouble ? "" : " (beyond 2^53: glpsol and clp may round the objective)"));
        summary.WriteLine($"wrote {(settings.Out == AnalystOptions.StandardStream ? "standard output" : settings.Out)}");

        if (settings.RunEngine)
        {
            var started = clock.GetTimestamp();
            var plan = AllocationEngine.Allocate(problem);
            var elapsed = clock.GetElapsedTime(started);
            summary.WriteLine($"engine: {elapsed.TotalMilliseconds.ToString("0.0", inv)} ms; allocated {plan.TotalAllocated.ToString("N0", inv)} "
                + $"of need {plan.TotalNeed.ToString("N0", inv)}; transport {plan.TransportCost.ToString("N0", inv)} (units x 100 m)");
            foreach (var priorityClass in plan.Sites.GroupBy(s => s.Priority).OrderBy(g => g.Key))
            {
                long need = priorityClass.Sum(s => s.Need);
                long allocated = priorityClass.Sum(s => s.Allocated);
                summary.WriteLine($"  class {priorityClass.Key}: {allocated.ToString("N0", inv)} of {need.ToString("N0", inv)}"
                    + $" ({(need == 0 ? 100 : 100.0 * allocated / need).ToString("0.0", inv)} %)");
            }
        }

        return ExitCodes.Ok;
    }

    // Units are notional (a day's supply of one drug): only proportions matter. A site's size is its
    // daily visits plus one per bed; a pharmacy records neither, so it counts as 300 customers a day
    // (with Shanghai's ~1,500 pharmacies that makes class 3 about half the need, so a 30 % shortage
    // is shared inside the largest class rather than simply cutting it off).
    // A source's weight is its storage in m³ plus a twentieth of a day's output. Each is scaled by a
    // seeded factor in [0.5, 1.5), and the stock is apportioned by largest remainder so that it sums
    // to round(shortage x need) exactly.
    private static AllocationProblem BuildProblem(List<CityFacility> sites, List<CityFacility> sources, Settings settings)
    {
        var random = new Random(settings.Seed);
        var siteRows = sites
            .Select(f =>
            {
                long size = (long)(f.DailyVisits ?? 0) + (f.Beds ?? 0);
                if (size == 0) size = 300;
                long need = Math.Max(1, (long)Math.Round(size * (0.5 + random.NextDouble())));
                return new AllocationSite(f.Id.ToString("N"), need, PriorityOf(f.Kind));
            })
            .ToList();

        var weights = sources
            .Select(f => Math.Max(1.0, (f.StorageCubicMetres ?? 0) + ((f.DailyOutputUnits ?? 0) / 20.0)) * (0.5 + random.NextDouble()))
            .ToArray();
        long stock = (long)Math.Round(settings.Shortage * siteRows.Sum(s => s.Need));
        var available = LargestRemainder(stock, weights);
        var sourceRows = sources.Select((f, s) => new AllocationSource(f.Id.ToString("N"), available[s])).ToList();

        var routes = new List<AllocationRoute>();
        for (int i = 0; i < sites.Count; i++)
        {
            var lanes = sources
                .Select((f, s) => (Distance: DistanceIn100Metres(sites[i], f), Source: s))
                .OrderBy(l => l.Distance).ThenBy(l => l.Source)
                .Take(settings.RoutesPerSite ?? sources.Count);
            foreach (var (distance, s) in lanes)
                routes.Add(new AllocationRoute(sourceRows[s].Id, siteRows[i].Id, distance));
        }

        return new AllocationProblem(sourceRows, siteRows, routes);
    }

    private static int PriorityOf(FacilityKind kind) => kind switch
    {
        FacilityKind.DesignatedHospital or FacilityKind.GeneralHospital or FacilityKind.ShelterHospital or FacilityKind.FeverClinic => 1,
        FacilityKind.CommunityHealthCentre => 2,
        _ => 3,
    };

    private static long[] LargestRemainder(long total, double[] weights)
    {
        double sum = weights.Sum();
        var quotas = weights.Select(w => total * w / sum).ToArray();
        var shares = quotas.Select(q => (long)Math.Floor(q)).ToArray();
        long left = total - shares.Sum();
        foreach (int s in Enumerable.Range(0, weights.Length).OrderByDescending(s => quotas[s] - shares[s]).ThenBy(s => s).Take((int)Math.Max(0, left)))
            shares[s]++;
        return shares;
    }

    // Great-circle distance in whole 100 m, the same measure the web planner uses.
    private static long DistanceIn100Metres(CityFacility a, CityFacility b) =>
        GreatCircle.HundredMetres(a.Latitude!.Value, a.Longitude!.Value, b.Latitude!.Value, b.Longitude!.Value);
}

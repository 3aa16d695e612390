using System.Globalization;
using Fangkong.Core.Divisions;
using Fangkong.Core.Geography;
using Fangkong.Optimization.Allocation;
using Fangkong.Optimization.Dimacs;
using Fangkong.Optimization.MinCostFlow;
using Fangkong.Optimization.Placement;
using Fangkong.Web.Features.Demo;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Cli.Commands;

// `fangkong mcf placement-instance`: a city-wide bed placement built from the wards of the database
// (every ward of the city with a free bed, at its facility's place) and N generated waiting patients,
// placed by the same PlacementEngine the web runs, then written as two DIMACS min-cost flows that
// glpsol solves too: (a) the one-tranche LP of the engine's AllocationProblem (its optimum fixes the
// class totals) and (b) the routing of the engine's placed counts (its optimum is the least total
// distance for them). These are the two checks PlacementEngineTests makes against GLPK, at city size.
internal static class McfPlacementInstanceCommand
{
    // Ward classes as the web's Placements numbers them: the bed level, with a designated hospital's
    // ICU apart (only there do critical patients go).
    
    // Shanghai 2022-like shares of the positives by severity.
    private static readonly (Severity Severity, double Share)[] SeverityShares =
    [
        (Severity.Asymptomatic, 0.6), (Severity.Mild, 0.33), (Severity.Moderate, 0.05), (Severity.Severe, 0.015), (Severity.Critical, 0.005),
    ];

    private const double RiskShare = 0.25;

    public static Command Create(CliHost host)
    {
        var city = new Option<string>("--city")
        {
            Description = "GB/T 2260 city code whose wards and committees make the instance (the city must be seeded: `fangkong seed --city CODE`).",
            DefaultValueFactory = _ => "3101",
        };
        var patients = AnalystOptions.WholeNumber("--patients", "Waiting patients to generate.", "a whole number from 1 to 2000000",
            v => v is >= 1 and <= 2_000_000, defaultValue: 30_000);
        var seed = AnalystOptions.WholeNumber("--seed", "Seed of the generated patients; the same seed and database give the same files.",
            "a whole number >= 0", v => v >= 0, defaultValue: 1);
        var outLp = AnalystOptions.File("--out-lp",
            "The one-tranche LP of the placement (TrancheFormulation, 1 tranche) as a DIMACS min-cost flow; its optimum fixes the class totals.",
            required: true, helpName: "FILE.min");
        var outRouting = AnalystOptions.File("--out-routing",
            "The routing of the engine's placed counts as a DIMACS min-cost flow; its optimum is the least total distance for them.",
            required: true, helpName: "FILE.min");
        var demoWards = new Option<bool>("--open-demo-wards")
        {
            Description = "If the database holds no ward at all, first open the demo wards of the city's hospitals (as the web's demo start does; "
                + "`fangkong seed` loads facilities only). Without it the command changes nothing.",
        };

        var command = new Command("placement-instance",
            "Place N generated waiting patients (residences drawn from the city's committees by population, Shanghai 2022 severity shares, "
            + "25 % with a risk factor) into every ward of the city with a free bed with the placement engine, print its time and totals, "
            + "and write the one-tranche LP and the routing min-cost flow of its result in DIMACS for `fangkong mcf solve` and "
            + "`glpsol --mincost`. Distances in units of 100 m. Exit 0 written; 1 no usable wards or committees, or a failure; 2 invalid options.")
        {
            city, patients, seed, outLp, outRouting, demoWards,
        };
        command.SetAction((parse, ct) => host.RunAsync(parse, async (services, ct) =>
        {
            if (!await host.RequireSchemaAsync(services, ct)) return ExitCodes.Failed;
            var code = parse.GetValue(city)!.Trim();
            // The CLI host runs commands with the system's jurisdiction (an operator on the server): no filter to switch off.
            var db = services.GetRequiredService<FangkongDb>();
            if (parse.GetValue(demoWards) && !await db.Wards.AnyAsync(ct))
            {
                int opened = await services.GetRequiredService<DemoTreatmentSeeder>().SeedAsync(code, ct);
                host.Terminal.Err.WriteLine($"opened {opened} demo wards in city {code}");
            }

            var wards = await db.Wards.AsNoTracking()
                .Where(w => w.DivisionCode.StartsWith(code) && w.Occupied + w.Reserved < w.Beds)
                .Select(w => new { w.Id, w.FacilityId, w.Level, Free = w.Beds - w.Occupied - w.Reserved })
                .ToListAsync(ct);
            var facilityIds = wards.Select(w => w.FacilityId).Distinct().ToList();
            var facilities = await db.Facilities.AsNoTracking()
                .Where(f => facilityIds.Contains(f.Id) && f.Latitude != null && f.Longitude != null)
                .Select(f => new { f.Id, f.Kind, Latitude = f.Latitude!.Value, Longitude = f.Longitude!.Value })
                .ToDictionaryAsync(f => f.Id, ct);
            var openWards = wards.Where(w => facilities.ContainsKey(w.FacilityId))
                .Select(w => new CityWard(w.Id, w.FacilityId, facilities[w.FacilityId].Kind, w.Level, w.Free,
                    facilities[w.FacilityId].Latitude, facilities[w.FacilityId].Longitude))
                .OrderBy(w => w.Id).ToList();

            var committees = await db.Divisions.AsNoTracking()
                .Where(d => d.CityCode == code && d.Level == DivisionLevel.Committee)
                .Select(d => new { d.Code, d.Population })
                .ToListAsync(ct);
            var points = await services.GetRequiredService<Locations>().PointsAsync(committees.Select(c => c.Code), ct);
            var residences = committees.Where(c => points.ContainsKey(c.Code)).OrderBy(c => c.Code, StringComparer.Ordinal)
                .Select(c => new Residence(c.Code, c.Population ?? 0, points[c.Code].Latitude, points[c.Code].Longitude))
                .ToList();

            return Write(host.Terminal, services.GetRequiredService<TimeProvider>(), code, openWards, wards.Count - openWards.Count, residences,
                new Settings(parse.GetValue(patients), parse.GetValue(seed), parse.GetValue(outLp)!, parse.GetValue(outRouting)!));
        }, ct));
        return command;
    }

    private sealed record Settings(int Patients, int Seed, string OutLp, string OutRouting);

    private sealed record CityWard(Guid Id, Guid FacilityId, FacilityKind Kind, BedLevel Level, int Free, double Latitude, double Longitude);

    private sealed record Residence(string Code, long Population, double Latitude, double Longitude);

    private static int Write(Terminal terminal, TimeProvider clock, string city, List<CityWard> wards, int unplacedWards, List<Residence> residences,
        Settings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        // A file on standard output must not have the human summary mixed into it.
        var summary = settings.OutLp == AnalystOptions.StandardStream || settings.OutRouting == AnalystOptions.StandardStream ? terminal.Err : terminal.Out;
        if (wards.Count == 0 || residences.Count == 0)
        {
            terminal.Err.WriteLine($"error: city {city} has {wards.Count} wards with free beds at placed facilities and {residences.Count} committees "
                + $"with a location; an instance needs both (seed the city with `fangkong seed --city {city}`, and open its wards: "
                + "--open-demo-wards on a database without wards).");
            return ExitCodes.Failed;
        }

        var waiting = GeneratePatients(residences, settings);
        var residencePoints = residences.ToDictionary(r => r.Code, r => (r.Latitude, r.Longitude), StringComparer.Ordinal);
        var wardPoints = wards.DistinctBy(w => w.FacilityId).ToDictionary(w => w.FacilityId.ToString("N"), w => (w.Latitude, w.Longitude), StringComparer.Ordinal);
        var openWards = wards.Select(w => new OpenWard(w.Id.ToString("N"), w.FacilityId.ToString("N"), CareLevels.PlacementClass(w.Level, w.Kind), w.Free)).ToList();

        var started = clock.GetTimestamp();
        var result = PlacementEngine.Place(waiting.Select(p => p.Patient).ToList(), openWards, (area, facility) =>
            residencePoints.TryGetValue(area, out var a) && wardPoints.TryGetValue(facility, out var f)
                ? GreatCircle.HundredMetres(a.Latitude, a.Longitude, f.Latitude, f.Longitude) : null);
        var elapsed = clock.GetElapsedTime(started);

        var problem = result.Problem;
        var lp = TrancheFormulation.Build(problem, 1);
        var routing = Routing(result);
        string header = $"Fangkong placement-instance: city {city}, {settings.Patients} patients, seed {settings.Seed}; distances in units of 100 m";
        if (!AnalystOptions.Write(terminal, "--out-lp", settings.OutLp, writer =>
                DimacsWriter.WriteProblem(writer, lp.Dimacs, header + "\none-tranche LP of the placement: its optimum fixes the class totals\n" + lp.Describe())))
            return ExitCodes.Usage;
        if (!AnalystOptions.Write(terminal, "--out-routing", settings.OutRouting, writer =>
                DimacsWriter.WriteProblem(writer, routing, header
                    + $"\nrouting of the engine's placed counts: ward nodes 1..{problem.Sources.Count}, group nodes after them, the last node takes the free beds left"
                    + $"\nthe engine's total distance: {result.Plan.TransportCost}")))
            return ExitCodes.Usage;

        summary.WriteLine($"city {city}: {settings.Patients.ToString("N0", inv)} patients from {waiting.Select(p => p.Patient.Area).Distinct().Count().ToString("N0", inv)} "
            + $"of {residences.Count.ToString("N0", inv)} committees, {problem.Sites.Count.ToString("N0", inv)} groups; "
            + $"{wards.Count} wards with {wards.Sum(w => (long)w.Free).ToString("N0", inv)} free beds at {wards.Select(w => w.FacilityId).Distinct().Count()} facilities"
            + (unplacedWards > 0 ? $" ({unplacedWards} wards of facilities without coordinates left out)" : "")
            + $"; {problem.Routes.Count.ToString("N0", inv)} routes");
        foreach (var level in Enumerable.Range(1, CareLevels.DesignatedIcuClass))
        {
            var ofClass = openWards.Where(w => w.Level == level).ToList();
            summary.WriteLine($"  ward class {level} {WardClassName(level),-22} {ofClass.Count,5} wards {ofClass.Sum(w => w.FreeBeds).ToString("N0", inv),9} free beds");
        }
        var placed = result.Patients.Count(p => p.WardId is not null);
        summary.WriteLine($"engine: {elapsed.TotalMilliseconds.ToString("0.0", inv)} ms; placed {placed.ToString("N0", inv)} of {waiting.Count.ToString("N0", inv)}; "
            + $"total distance {result.Plan.TransportCost.ToString("N0", inv)} (x 100 m)");
        foreach (var priorityClass in result.Plan.Sites.GroupBy(s => s.Priority).OrderBy(g => g.Key))
        {
            long need = priorityClass.Sum(s => s.Need);
            long allocated = priorityClass.Sum(s => s.Allocated);
            summary.WriteLine($"  class {priorityClass.Key}: {allocated.ToString("N0", inv)} of {need.ToString("N0", inv)}"
                + $" ({(need == 0 ? 100 : 100.0 * allocated / need).ToString("0.0", inv)} %)");
        }
        summary.WriteLine($"one-tranche LP: {lp.Dimacs.NodeCount.ToString("N0", inv)} nodes, {lp.Dimacs.Arcs.Count.ToString("N0", inv)} arcs, "
            + $"|objective| <= {lp.ObjectiveBound.ToString("N0", inv)}"
            + (lp.ExactInDouble ? "" : " (beyond 2^53: glpsol may round the objective)"));
        summary.WriteLine($"routing: {routing.NodeCount.ToString("N0", inv)} nodes, {routing.Arcs.Count.ToString("N0", inv)} arcs");
        summary.WriteLine($"wrote {Named(settings.OutLp)} and {Named(settings.OutRouting)}");
        return ExitCodes.Ok;
    }

    private static string Named(string path) => path == AnalystOptions.StandardStream ? "standard output" : path;

    private sealed record Generated(WaitingPatient Patient, Severity Severity, bool HasRisk);

    // Residence by committee population (uniform when the divisions carry no populations), severity by
    // the shares above, a risk factor with probability 0.25, a wait of up to 72 h; all from one seeded
    // Random in a fixed order, so the same seed and database give the same patients.
    private static List<Generated> GeneratePatients(List<Residence> residences, Settings settings)
    {
        var random = new Random(settings.Seed);
        bool weighted = residences.Any(r => r.Population > 0);
        var cumulative = new double[residences.Count];
        double total = 0;
        for (int i = 0; i < residences.Count; i++)
        {
            total += weighted ? Math.Max(0, residences[i].Population) : 1;
            cumulative[i] = total;
        }

        var patients = new List<Generated>(settings.Patients);
        for (int i = 0; i < settings.Patients; i++)
        {
            int r = Array.BinarySearch(cumulative, random.NextDouble() * total);
            r = r < 0 ? ~r : r + 1;
            var residence = residences[Math.Min(r, residences.Count - 1)];
            double u = random.NextDouble(), sum = 0;
            var severity = SeverityShares[^1].Severity;
            foreach (var (s, share) in SeverityShares)
            {
                sum += share;
                if (u < sum)
                {
                    severity = s;
                    break;
                }
            }
            bool hasRisk = random.NextDouble() < RiskShare;
            double waitingHours = Math.Round(random.NextDouble() * 72, 1);
            patients.Add(new Generated(new WaitingPatient($"p{i.ToString("D7", CultureInfo.InvariantCulture)}", residence.Code,
                CareLevels.PriorityOf(severity, hasRisk), CareLevels.PlacementClasses(severity, hasRisk), waitingHours), severity, hasRisk));
        }
        return patients;
    }

    // The same two rules as the web's Placements.
    private static string WardClassName(int level) => level switch
    {
        1 => "shelter",
        2 => "ordinary",
        3 => "high-dependency",
        4 => "ICU",
        _ => "designated-hospital ICU",
    };

    // The routing of the engine's placed counts (as PlacementEngineTests builds it): each ward supplies
    // its free beds, each group takes exactly what the engine placed of it, the free beds left go to a
    // sink at no cost, and a ward reaches a group along the engine's own routes at their distance.
    // The routing of the engine's placements: the same network the engine itself solves last.
    private static DimacsProblem Routing(PlacementResult result) =>
        DimacsProblem.FromNetwork(AllocationEngine.RoutingNetwork(result.Problem, result.Plan.Sites.ToDictionary(s => s.SiteId, s => s.Allocated)).Network);
}

using System.Globalization;
using Fangkong.Core.Divisions;
using Fangkong.Epidemiology.Demand;
using Fangkong.Epidemiology.Seir;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Surveillance;

// Section "Surveillance" of the configuration: the natural history and care assumptions behind
// projections and warnings (Omicron-era defaults), and the warning thresholds.
public sealed class ForecastOptions
{
    public double LatentPeriodDays { get; set; } = 3.0;
    public double InfectiousPeriodDays { get; set; } = 5.0;
    public int FitDays { get; set; } = 14;
    public int HorizonDays { get; set; } = 28;
    public int IcuStayDays { get; set; } = 9;
    public int WardStayDays { get; set; } = 10;
    public int ShelterStayDays { get; set; } = 7;
    // Days to shortfall at or under which a warning is critical, resp. high; any shortfall within the horizon warns.
    public int CriticalWithinDays { get; set; } = 3;
    public int HighWithinDays { get; set; } = 7;
    public int EnsembleDraws { get; set; } = 200;
    // Care assumptions for the resource-demand forecast.
    public double VentilatedShareOfIcu { get; set; } = 0.5;
    public int VentilationDays { get; set; } = 10;
    public double FeverClinicVisitsPerSymptomatic { get; set; } = 0.3;
    public int ShelterBusSeats { get; set; } = 30;
    public List<DrugCourse> Drugs { get; set; } =
    [
        new() { Name = "解热镇痛药（布洛芬/对乙酰氨基酚）", CoursesPerSymptomaticCase = 1.0 },
        new() { Name = "奈玛特韦/利托那韦", CoursesPerSymptomaticCase = 0.12 },
        new() { Name = "阿兹夫定", CoursesPerSymptomaticCase = 0.05 },
    ];
}

public sealed class DrugCourse
{
    public string Name { get; set; } = "";
    public double CoursesPerSymptomaticCase { get; set; }
}

public sealed record DemandSeries(string Key, double[] Daily, double Total, double Peak, int PeakDay);
public sealed record DemandForecast(string DivisionCode, DateOnly FirstDay, int Days, IReadOnlyList<DemandSeries> Series,
    IReadOnlyList<DemandSeries> DrugCourses, IReadOnlyDictionary<string, double> Capacity);

public sealed record ContactChangeInput(int? Day, double? Multiplier);
public sealed record ScenarioInput(IReadOnlyList<ContactChangeInput>? ContactChanges, double? Vaccination65, double? VaccinationUnder65);
public sealed record ScenarioRequest(int? Days, ScenarioInput? Scenario, int? Draws);

public sealed record ProjectedDay(DateOnly Date, double NewInfections, double Infectious);
public sealed record Projection(IReadOnlyList<ProjectedDay> Days, DateOnly PeakDate, double PeakNewInfections, double AttackRate);
public sealed record Fan(double[] P5, double[] P50, double[] P95);
public sealed record ScenarioResult(string DivisionCode, double FittedR, double FittedRLower, double FittedRUpper, double GrowthRate,
    Projection Baseline, Projection Scenario, Fan BaselineFan, ScenarioComparison Comparison, string SummaryText,
    string BaselineLabel, string ScenarioLabel, string FanLabel);

public sealed record Warning(string Severity, string Resource, string DivisionCode, string DivisionName, DateOnly FirstShortfall,
    int DaysUntil, double Demand, double Capacity, string Title, string Evidence, string? Link = null);

// Projections from a division's reported curve: transmission fitted to the last FitDays, an SEIR with
// under-65 and 65+ started from the fitted state, scenarios, an ensemble fan, and bed demand against
// the beds registered in the division — the warnings. Everything read goes through the jurisdiction filter.
public sealed class Forecasts(FangkongDb db, EpidemicCurves curves, DivisionDirectory divisions, UiText text, IOptions<ForecastOptions> options)
{
    private ForecastOptions O => options.Value;

    private sealed record Start(DivisionDto Division, Curve Curve, TransmissionFit Fit, SeirParameters Template, DateOnly FirstDay);

    public async Task<WriteOutcome<ScenarioResult>> ScenarioAsync(string code, ScenarioRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var days = request.Days ?? 120;
        if (days is < 14 or > 365) errors.Add("days", "推演天数须为 14–365 / days must be 14–365");
        var draws = request.Draws ?? O.EnsembleDraws;
        if (draws is < 10 or > 2000) errors.Add("draws", "抽样次数须为 10–2000 / draws must be 10–2000");
        var changes = new List<ContactChange>();
        foreach (var (c, i) in (request.Scenario?.ContactChanges ?? []).Select((c, i) => (c, i)))
        {
            if (c.Day is not (>= 0 and < 365)) errors.Add($"scenario.contactChanges[{i}].day", "须为 0–364 / must be 0–364");
            if (c.Multiplier is not (>= 0 and <= 3)) errors.Add($"scenario.contactChanges[{i}].multiplier", "须为 0–3 / must be 0–3");
            else if (c.Day is { } d) changes.Add(new ContactChange(d, c.Multiplier.Value));
        }
        var v65 = request.Scenario?.Vaccination65 ?? 0;
        var vUnder = request.Scenario?.VaccinationUnder65 ?? 0;
        if (v65 is < 0 or > 1) errors.Add("scenario.vaccination65", "须为 0–1 / must be 0–1");
        if (vUnder is < 0 or > 1) errors.Add("scenario.vaccinationUnder65", "须为 0–1 / must be 0–1");
        if (errors.Any) return new WriteOutcome<ScenarioResult>.Invalid(errors);

        var start = await StartAsync(code, days, ct);
        if (start is null) return new WriteOutcome<ScenarioResult>.NotFound();
        if (start.Value.Problem is { } problem) return new WriteOutcome<ScenarioResult>.Invalid(problem);
        var s = start.Value.Start!;
        var baseline = SeirModel.Run(s.Template);
        var alternative = SeirModel.Run(s.Template with
        {
            ContactChanges = changes.OrderBy(c => c.FromDay).ToList(),
            Groups = [s.Template.Groups[0] with { VaccinationCoverage = vUnder }, s.Template.Groups[1] with { VaccinationCoverage = v65 }],
        });
        var r0 = s.Template.R0!.Value;
        var spread = Math.Max(0.02, (s.Fit.ReproductionNumberUpper - s.Fit.ReproductionNumberLower) / 3.92) * r0 / Math.Max(EffectiveR(s.Fit), 0.05);
        var fan = SeirEnsemble.Run(s.Template, new EnsembleDistributions(
            ParameterDistribution.Normal(r0, spread),
            ParameterDistribution.Gamma(O.LatentPeriodDays, O.LatentPeriodDays * 0.2),
            ParameterDistribution.Gamma(O.InfectiousPeriodDays, O.InfectiousPeriodDays * 0.2)), draws, seed: 20220401, percentiles: [5, 50, 95]);
        var comparison = ScenarioComparison.Compare(baseline, alternative);
        var summary = string.Format(CultureInfo.CurrentCulture, text[comparison.PeakDelayDays >= 0 ? "scenario.summary" : "scenario.summaryEarlier"],
            EffectiveR(s.Fit).ToString("0.00", CultureInfo.InvariantCulture),
            Math.Abs(comparison.PeakDelayDays), comparison.PeakReductionPercent.ToString("0.0", CultureInfo.InvariantCulture),
            comparison.AttackRateReductionPercentagePoints.ToString("0.0", CultureInfo.InvariantCulture));
        return new WriteOutcome<ScenarioResult>.Done(new ScenarioResult(code, s.Fit.ReproductionNumber, s.Fit.ReproductionNumberLower,
            s.Fit.ReproductionNumberUpper, s.Fit.GrowthRate, ToProjection(baseline, s.FirstDay), ToProjection(alternative, s.FirstDay),
            new Fan(Skip(fan.Incidence[0]), Skip(fan.Incidence[1]), Skip(fan.Incidence[2])), comparison, summary,
            text["scenario.baseline"], text["scenario.alternative"], text["scenario.fan"]));
    }

    // What the current course asks of the health system, day by day: admissions and beds in use by
    // level (ward, ICU, ventilation, shelter), fever-clinic visits, transfers, and drug courses.
    public async Task<WriteOutcome<DemandForecast>> DemandAsync(string code, int? days, CancellationToken ct)
    {
        var horizon = days ?? O.HorizonDays;
        if (horizon is < 7 or > 180)
            return new WriteOutcome<DemandForecast>.Invalid(new FieldErrors().Add("days", "须为 7–180 / must be 7–180"));
        var start = await StartAsync(code, horizon, ct);
        if (start is null) return new WriteOutcome<DemandForecast>.NotFound();
        if (start.Value.Problem is { } problem) return new WriteOutcome<DemandForecast>.Invalid(problem);
        var (forecast, _) = Project(start.Value.Start!, horizon, await CapacityAsync(code, ct));
        return new WriteOutcome<DemandForecast>.Done(forecast);
    }

    // Warnings for the division and, above street level, each child district: the first day projected
    // beds in use exceed the beds registered there, within the horizon.
    public async Task<IReadOnlyList<Warning>> WarningsAsync(string code, CancellationToken ct)
    {
        var division = await divisions.GetAsync(code, ct);
        if (division is null) return [];
        var targets = division.Level <= DivisionLevel.City
            ? (await divisions.ChildrenAsync(code, ct)).Select(c => c.Code).ToList()
            : [DivisionCodes.DistrictOf(code)];
        var warnings = new List<Warning>();
        foreach (var target in targets)
            warnings.AddRange(await WarningsForAreaAsync(target, ct));
        return warnings.OrderBy(w => w.DaysUntil).ThenByDescending(w => w.Demand - w.Capacity).ToList();
    }

    // The same projection as the demand table, so a warning and the table behind it never disagree.
    public async Task<IReadOnlyList<Warning>> WarningsForAreaAsync(string code, CancellationToken ct)
    {
        var start = await StartAsync(code, O.HorizonDays, ct);
        if (start is not { Start: { } s }) return [];
        var capacity = await CapacityAsync(code, ct);
        var (_, beds) = Project(s, O.HorizonDays, capacity);
        var warnings = new List<Warning>();
        foreach (var bed in beds.Where(b => b.Resource is not null))
        {
            var available = capacity[bed.CensusKey];
            if (BedDemand.FirstShortfall(bed.Census, available) is not { } d) continue;
            var severity = d <= O.CriticalWithinDays ? "critical" : d <= O.HighWithinDays ? "high" : "warning";
            var title = string.Format(CultureInfo.CurrentCulture, text["warning.title"], s.Division.Name, text["resource." + bed.Resource], d + 1,
                Math.Ceiling(bed.Census[d]).ToString("N0", CultureInfo.CurrentCulture), available.ToString("N0", CultureInfo.CurrentCulture));
            var evidence = string.Format(CultureInfo.CurrentCulture, text["warning.evidence"],
                s.Curve.Days[^1].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), O.FitDays,
                (s.Fit.GrowthRate * 100).ToString("0.0", CultureInfo.InvariantCulture), EffectiveR(s.Fit).ToString("0.00", CultureInfo.InvariantCulture),
                (bed.Share * 100).ToString("0.00", CultureInfo.InvariantCulture), bed.Stay, bed.Occupied.ToString("N0", CultureInfo.CurrentCulture));
            warnings.Add(new Warning(severity, bed.Resource!, s.Division.Code, s.Division.Name, s.FirstDay.AddDays(d), d + 1,
                Math.Round(bed.Census[d], 1), available, title, evidence));
        }
        return warnings;
    }

    // One level of care in the projection: its share of new infections, stay, patients in beds now,
    // and beds in use each day. Resource names the warning kind (null: shown, never warned about).
    private sealed record BedLine(string CensusKey, string? Resource, double Share, int Stay, double Occupied, double[] Census);

    private (DemandForecast Forecast, IReadOnlyList<BedLine> Beds) Project(Start s, int horizon, IReadOnlyDictionary<string, double> capacity)
    {
        var incidence = Skip(SeirModel.Run(s.Template with { Days = horizon }).Total.Incidence);
        // Severity mix of the last FitDays of reports: who will need which bed.
        var recent = s.Curve.Days.TakeLast(O.FitDays).ToList();
        var total = Math.Max(1, recent.Sum(d => d.NewInfections));
        double Share(Func<CurveDay, int> pick) => (double)recent.Sum(pick) / total;
        double[] Times(double[] series, double factor) => series.Select(v => v * factor).ToArray();
        BedLine Line(string key, string? resource, double share, int stay, Func<CurveDay, int> inBeds, double factor = 1)
        {
            var occupied = s.Curve.Days.TakeLast(stay).Sum(inBeds) * factor;
            return new BedLine(key, resource, share * factor, stay, occupied, BedDemand.Census(Times(incidence, share * factor), stay, occupied));
        }

        var ward = Line("wardCensus", "ward", Share(d => d.Moderate + d.Severe), O.WardStayDays, d => d.Moderate + d.Severe);
        var icu = Line("icuCensus", "icu", Share(d => d.Critical), O.IcuStayDays, d => d.Critical);
        var ventilator = Line("ventilatorCensus", null, Share(d => d.Critical), O.VentilationDays, d => d.Critical, O.VentilatedShareOfIcu);
        var shelter = Line("shelterCensus", "shelter", Share(d => d.Asymptomatic + d.Mild), O.ShelterStayDays, d => d.Asymptomatic + d.Mild);
        var symptomatic = Times(incidence, 1 - Share(d => d.Asymptomatic));
        var wardAdmissions = Times(incidence, ward.Share);
        var icuAdmissions = Times(incidence, icu.Share);
        var shelterAdmissions = Times(incidence, shelter.Share);
        var series = new List<DemandSeries>
        {
            Series("newInfections", incidence),
            Series("symptomatic", symptomatic),
            Series("feverClinicVisits", Times(symptomatic, O.FeverClinicVisitsPerSymptomatic)),
            Series("wardAdmissions", wardAdmissions),
            Series(ward.CensusKey, ward.Census),
            Series("icuAdmissions", icuAdmissions),
            Series(icu.CensusKey, icu.Census),
            Series(ventilator.CensusKey, ventilator.Census),
            Series("shelterAdmissions", shelterAdmissions),
            Series(shelter.CensusKey, shelter.Census),
            // Every hospital admission is an ambulance transfer; shelter admissions travel by bus.
            Series("ambulanceTransfers", wardAdmissions.Zip(icuAdmissions, (w, i) => w + i).ToArray()),
            Series("shelterBusTrips", Times(shelterAdmissions, 1.0 / O.ShelterBusSeats)),
        };
        var drugs = O.Drugs.Select(d => Series(d.Name, Times(symptomatic, d.CoursesPerSymptomaticCase))).ToList();
        return (new DemandForecast(s.Division.Code, s.FirstDay, horizon, series, drugs, capacity), [ward, icu, ventilator, shelter]);

        static DemandSeries Series(string key, double[] daily)
        {
            var rounded = daily.Select(v => Math.Round(v, 1)).ToArray();
            var peakDay = Array.IndexOf(rounded, rounded.Max());
            return new DemandSeries(key, rounded, Math.Round(daily.Sum(), 0), rounded[peakDay], peakDay);
        }
    }

    // Beds registered in the division (through the jurisdiction filter), keyed like the census series.
    private async Task<IReadOnlyDictionary<string, double>> CapacityAsync(string code, CancellationToken ct)
    {
        var beds = await db.Facilities.AsNoTracking().Where(f => f.DivisionCode.StartsWith(code))
            .GroupBy(f => f.Kind).Select(g => new { Kind = g.Key, Beds = g.Sum(f => f.Beds ?? 0), Icu = g.Sum(f => f.IcuBeds ?? 0), Vent = g.Sum(f => f.Ventilators ?? 0) })
            .ToListAsync(ct);
        var icu = beds.Sum(b => b.Icu);
        return new Dictionary<string, double>
        {
            // Hospital beds net of the ICU beds counted within them.
            ["wardCensus"] = Math.Max(0, beds.Where(b => b.Kind is FacilityKind.DesignatedHospital or FacilityKind.GeneralHospital).Sum(b => b.Beds) - icu),
            ["icuCensus"] = icu,
            ["ventilatorCensus"] = beds.Sum(b => b.Vent),
            ["shelterCensus"] = beds.Where(b => b.Kind == FacilityKind.ShelterHospital).Sum(b => b.Beds),
        };
    }

    // Null when the division does not exist; a problem when its curve is too short to fit.
    private async Task<(Start? Start, FieldErrors? Problem)?> StartAsync(string code, int days, CancellationToken ct)
    {
        var division = await divisions.GetAsync(code, ct);
        if (division is null) return null;
        var curve = await curves.ForAsync(code, null, null, ct);
        var recent = curve.Days.TakeLast(O.FitDays).Select(d => (double)d.NewInfections).ToList();
        if (recent.Count < O.FitDays || recent.Sum() < 20 || recent.TakeLast(3).Sum() == 0 || division.Population is not > 0)
            return (null, new FieldErrors().Add("divisionCode", $"近 {O.FitDays} 天病例太少或缺人口数，无法拟合传播力 / too few cases in the last {O.FitDays} days, or no population, to fit transmission"));
        var fit = TransmissionFitter.Fit(recent, O.LatentPeriodDays, O.InfectiousPeriodDays);
        var population = (double)division.Population.Value;
        var old = (double)(division.Age65Plus ?? (long)(population * 0.135));
        var young = population - old;
        // Everyone reported so far counts as immune; with the fitted exposed and infectious on top,
        // the compartments must still fit in the population.
        // E = incidence·T_lat and I = incidence/(r + 1/T_inf) assume steady exponential change; a curve
        // falling faster than people recover would make I negative, so the decline is bounded there.
        var exposed = Math.Max(0, fit.FittedIncidenceOnLastDay * O.LatentPeriodDays);
        var infectious = Math.Max(0, fit.FittedIncidenceOnLastDay / Math.Max(fit.GrowthRate + 1 / O.InfectiousPeriodDays, 0.5 / O.InfectiousPeriodDays));
        var active = exposed + infectious;
        if (active >= population * 0.9)
            return (null, new FieldErrors().Add("divisionCode", "近期增长过快，拟合出的在途感染超过人口 / the fitted growth implies more active infections than residents"));
        var infectedSoFar = Math.Min(population - active, curve.Summary.TotalInfections);
        var susceptibleShare = 1 - infectedSoFar / population;
        // The fitted R is today's effective R; the model's R0 is for a fully susceptible population.
        // R = (1 + r·T_lat)(1 + r·T_inf) holds for r > −1/T_inf only: a steeper fall means R near 0.
        var r0 = Math.Max(EffectiveR(fit), 0.05) / susceptibleShare;
        AgeGroup Group(string name, double size) => new(name, size,
            InitialExposed: exposed * size / population,
            InitialInfectious: infectious * size / population,
            InitialRecovered: infectedSoFar * size / population);
        var template = new SeirParameters
        {
            Groups = [Group("0-64", young), Group("65+", old)],
            LatentPeriod = O.LatentPeriodDays,
            InfectiousPeriod = O.InfectiousPeriodDays,
            R0 = r0,
            Days = days,
        };
        return (new Start(division, curve, fit, template, curve.Days[^1].Date.AddDays(1)), null);
    }

    private double EffectiveR(TransmissionFit fit) =>
        fit.GrowthRate <= -1 / O.InfectiousPeriodDays ? 0 : fit.ReproductionNumber;

    private static Projection ToProjection(SeirResult result, DateOnly firstDay)
    {
        var incidence = Skip(result.Total.Incidence);
        var days = incidence.Select((v, i) => new ProjectedDay(firstDay.AddDays(i), Math.Round(v, 1), Math.Round(result.Total.Infectious[i + 1], 1))).ToList();
        var peak = days.MaxBy(d => d.NewInfections)!;
        return new Projection(days, peak.Date, peak.NewInfections, Math.Round(result.FinalAttackRate, 5));
    }

    // Day 0 of a run is the last observed day; projections start the day after.
    private static double[] Skip(double[] series) => series.Length > 1 ? series[1..] : series;
}

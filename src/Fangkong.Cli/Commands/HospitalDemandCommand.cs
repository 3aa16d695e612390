using System.Globalization;
using Fangkong.Epidemiology.Chime;

namespace Fangkong.Cli.Commands;

// Penn Medicine CHIME 1.1.5's hospital-demand projection (doubling-time path): CHIME's parameters in,
// CHIME's SIR table, admissions, census and headline numbers out. A pure computation: no host, no database.
internal static class HospitalDemandCommand
{
    public static Command Create(CliHost host)
    {
        var population = AnalystOptions.Number("--population", "Regional population (CHIME's population).", "a number >= 1", v => v >= 1);
        var currentHospitalized = AnalystOptions.Number("--current-hospitalized",
            "COVID-19 patients in the hospital(s) today (CHIME's current_hospitalized).", "a number >= 0", v => v >= 0);
        var doublingTime = AnalystOptions.Number("--doubling-time",
            "Doubling time in days before distancing (CHIME's doubling_time).", "a number of days > 0", v => v > 0);
        var relativeContactRate = AnalystOptions.Number("--relative-contact-rate",
            "Reduction of contacts by social distancing, 0..1 (CHIME's relative_contact_rate; 0.15 = 15% fewer).",
            "a number from 0 to 1", v => v is >= 0 and <= 1);
        var hospitalized = Disposition("--hospitalized", "Share of infections hospitalised and mean length of stay, RATE:DAYS (e.g. 0.05:7).", positive: true);
        var icu = Disposition("--icu", "Share of infections in ICU and length of stay, RATE:DAYS (e.g. 0.02:9); a share of all infections, not of the hospitalised.", positive: false);
        var ventilated = Disposition("--ventilated", "Share of infections ventilated and length of stay, RATE:DAYS (e.g. 0.01:10); a share of all infections.", positive: false);
        var infectiousDays = AnalystOptions.Number("--infectious-days", "Days a person is infectious (CHIME's infectious_days).", "a number of days > 0", v => v > 0);
        var marketShare = AnalystOptions.Number("--market-share", "The hospital(s)' share of the region's patients, 0..1 (CHIME's market_share).",
            "a number > 0 and <= 1", v => v is > 0 and <= 1);
        var nDays = AnalystOptions.WholeNumber("--n-days", "Days to project after the current date (CHIME's n_days).",
            "a whole number of days from 1 to 10000", v => v is >= 1 and <= 10_000);
        var recovered = AnalystOptions.Number("--recovered", "Persons already recovered (CHIME's recovered).", "a number >= 0", v => v >= 0, defaultValue: 0);
        var currentDate = AnalystOptions.Date("--current-date", "Day 0 of the projection: the date of --current-hospitalized.");
        currentDate.Required = true;
        var mitigationDate = AnalystOptions.Date("--mitigation-date",
            "When distancing began. Given, today's place on the curve is fitted with distancing from that date (CHIME's Parameters); "
            + "left out, it is fitted on the unmitigated curve and distancing starts on the current date (CHIME's app with no date).");
        var output = AnalystOptions.File("--out",
            "Daily CSV (- for standard output): day,date,susceptible,infected,recovered,admits_hospitalized,admits_icu,admits_ventilated,"
            + "census_hospitalized,census_icu,census_ventilated, from day -currentDayIndex (the estimated first hospitalisation) to --n-days; "
            + "raw values (CHIME's tables show them floored); the first row's admissions are empty (NaN in CHIME). "
            + "Written to standard output when neither --out nor --summary is given.", required: false, helpName: "FILE|-");
        var summary = AnalystOptions.File("--summary",
            "JSON summary (- for standard output): r0, rt (with distancing), doublingTime, doublingTimeWithDistancing "
            + "(negative: a halving time), intrinsicGrowthRate, currentDayIndex (days since the first hospitalisation).",
            required: false, helpName: "FILE|-");

        var command = new Command("hospital-demand",
            "Project hospital admissions and census for ordinary, ICU and ventilator beds exactly as Penn Medicine's CHIME 1.1.5 does "
            + "(SIR from the doubling time; today placed on the curve by the current census). "
            + "Exit 0 written; 1 CHIME cannot fit these inputs (no day puts today before the hospital peak); "
            + "2 an invalid option (the message names it).")
        {
            population, currentHospitalized, doublingTime, relativeContactRate, hospitalized, icu, ventilated,
            infectiousDays, marketShare, nDays, recovered, currentDate, mitigationDate, output, summary,
        };
        command.Validators.Add(result =>
        {
            if (!AnalystOptions.OptionsParsed(result)) return;
            if (AnalystOptions.ValueIfValid(result, currentDate) is { } today
                && AnalystOptions.ValueIfValid(result, mitigationDate) is { } mitigation
                && AnalystOptions.ValueIfValid(result, nDays) is var horizon and > 0
                && mitigation.DayNumber - today.DayNumber > horizon)
            {
                result.AddError("--mitigation-date lies beyond the projection (after --current-date plus --n-days).");
            }
            if (result.GetValue(output) == AnalystOptions.StandardStream && result.GetValue(summary) == AnalystOptions.StandardStream)
                result.AddError("--out and --summary cannot both be - (standard output); write one of them to a file.");
        });
        command.SetAction(parse =>
        {
            var terminal = host.Terminal;
            var parameters = new ChimeParameters
            {
                Population = parse.GetValue(population),
                CurrentHospitalized = parse.GetValue(currentHospitalized),
                DoublingTime = parse.GetValue(doublingTime),
                RelativeContactRate = parse.GetValue(relativeContactRate),
                Hospitalized = parse.GetValue(hospitalized)!,
                Icu = parse.GetValue(icu)!,
                Ventilated = parse.GetValue(ventilated)!,
                InfectiousDays = parse.GetValue(infectiousDays),
                MarketShare = parse.GetValue(marketShare),
                NDays = parse.GetValue(nDays),
                Recovered = parse.GetValue(recovered),
                CurrentDate = parse.GetValue(currentDate)!.Value,
                MitigationDate = parse.GetValue(mitigationDate),
            };
            ChimeResult model;
            try
            {
                model = ChimeModel.Run(parameters);
            }
            catch (ArgumentException e)
            {
                terminal.Err.WriteLine($"error: {AnalystOptions.Message(e)}");
                return ExitCodes.Usage;
            }
            catch (InvalidOperationException e)
            {
                terminal.Err.WriteLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }

            var report = new ChimeSummary(model.R0, model.Rt, model.DoublingTime, model.DoublingTimeWithDistancing,
                model.IntrinsicGrowthRate, model.CurrentDayIndex);
            var outPath = parse.GetValue(output);
            var summaryPath = parse.GetValue(summary);
            if (outPath is null && summaryPath is null) outPath = AnalystOptions.StandardStream;
            if (outPath is not null && !AnalystOptions.Write(terminal, "--out", outPath, writer => WriteDaily(writer, model)))
                return ExitCodes.Usage;
            if (summaryPath is not null && !AnalystOptions.Write(terminal, "--summary", summaryPath, writer => writer.WriteLine(AnalystOptions.ToJson(report))))
                return ExitCodes.Usage;
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteDaily(TextWriter writer, ChimeResult model)
    {
        writer.WriteLine("day,date,susceptible,infected,recovered,admits_hospitalized,admits_icu,admits_ventilated,census_hospitalized,census_icu,census_ventilated");
        var (sir, admits, census) = (model.Sir, model.Admissions, model.Census);
        for (var k = 0; k < model.Day.Length; k++)
        {
            writer.WriteLine(string.Join(',',
                model.Day[k].ToString(CultureInfo.InvariantCulture),
                model.Date[k].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                AnalystOptions.Format(sir.Susceptible[k]), AnalystOptions.Format(sir.Infected[k]), AnalystOptions.Format(sir.Recovered[k]),
                AnalystOptions.Format(admits.Hospitalized[k]), AnalystOptions.Format(admits.Icu[k]), AnalystOptions.Format(admits.Ventilated[k]),
                AnalystOptions.Format(census.Hospitalized[k]), AnalystOptions.Format(census.Icu[k]), AnalystOptions.Format(census.Ventilated[k])));
        }
    }

    // RATE:DAYS — CHIME's (rate, length of stay) pair for one kind of bed.
    private static Option<ChimeDisposition?> Disposition(string name, string description, bool positive)
    {
        var option = AnalystOptions.Parsed<ChimeDisposition?>(name, description, "RATE:DAYS", token =>
        {
            var parts = token.Split(':');
            return parts.Length == 2
                && AnalystOptions.ParseDouble(parts[0]) is { } rate && (positive ? rate > 0 : rate >= 0) && rate <= 1
                && AnalystOptions.ParseInt(parts[1]) is >= 1 and var days
                    ? (true, new ChimeDisposition(rate, days))
                    : (false, null);
        }, positive
            ? "RATE:DAYS with a rate > 0 and <= 1 and a whole number of days >= 1 (e.g. 0.05:7)"
            : "RATE:DAYS with a rate from 0 to 1 and a whole number of days >= 1 (e.g. 0.02:9)");
        option.Required = true;
        return option;
    }

    private sealed record ChimeSummary(double R0, double Rt, double DoublingTime, double DoublingTimeWithDistancing,
        double IntrinsicGrowthRate, int CurrentDayIndex);
}

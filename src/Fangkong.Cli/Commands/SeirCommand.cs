using System.Globalization;
using Fangkong.Epidemiology.Seir;

namespace Fangkong.Cli.Commands;

// A deterministic SEIR projection (adaptive Dormand–Prince on the ODEs): parameters in, daily
// compartments and the peak / final-size summary out. A pure computation: no host, no database.
internal static class SeirCommand
{
    public static Command Create(CliHost host)
    {
        var population = AnalystOptions.Number("--population", "Total population N (persons).", "a number >= 1", v => v >= 1);
        var r0 = AnalystOptions.Number("--r0", "Basic reproduction number R0 at baseline contact in a fully susceptible population.", "a number >= 0", v => v >= 0);
        var latent = AnalystOptions.Number("--latent", "Mean latent (incubation) period in days, 1/sigma.", "a number of days > 0", v => v > 0);
        var infectious = AnalystOptions.Number("--infectious", "Mean infectious period in days, 1/gamma.", "a number of days > 0", v => v > 0);
        var initialInfectious = AnalystOptions.Number("--initial-infectious",
            "Infectious persons on day 0; everyone else is susceptible.", "a number >= 0", v => v >= 0, defaultValue: 1);
        var days = AnalystOptions.WholeNumber("--days", "Days to project.", "a whole number of days from 1 to 100000",
            v => v is >= 1 and <= 100_000, defaultValue: 180);
        var population65 = AnalystOptions.OptionalNumber("--population-65",
            "Persons aged 65+ among --population: the model then has two groups, under-65 and 65+, with proportional mixing "
            + "(the initial infectious split between them by population).", "a number > 0", v => v > 0);
        var vaccination65 = AnalystOptions.OptionalNumber("--vaccination-65",
            "Share of the 65+ group immune by vaccination on day 0, 0..1 (fully protective); needs --population-65.",
            "a number from 0 to 1", v => v is >= 0 and <= 1);
        var contactChanges = ContactChangeOption();
        var output = AnalystOptions.File("--out",
            "Daily CSV (- for standard output): day,S,E,I,R,new_infections for days 0..--days, totals over the groups; "
            + "new_infections is the number becoming infectious that day (the E->I flow). "
            + "Written to standard output when neither --out nor --summary is given.", required: false, helpName: "FILE|-");
        var summary = AnalystOptions.File("--summary",
            "JSON summary (- for standard output): r0, peakDay, peakInfectious, peakIncidenceDay, peakIncidence, finalAttackRate, "
            + "and finalSizeRelation {z, residual}: z the final attack rate and residual = z - (1 - (S0/N)·exp(-R0·z)), S0 = N - initial infectious, "
            + "for a closed population without contact changes or vaccination (null otherwise).", required: false, helpName: "FILE|-");

        var command = new Command("seir",
            "Project an SEIR epidemic: dS/dt = -beta·m(t)·S·I/N, dE/dt = beta·m(t)·S·I/N - E/latent, dI/dt = E/latent - I/infectious, "
            + "dR/dt = I/infectious, with beta = R0/infectious and m(t) the contact multiplier of --contact-change. "
            + AnalystOptions.ExitCodesHelp)
        {
            population, r0, latent, infectious, initialInfectious, days, population65, vaccination65, contactChanges, output, summary,
        };
        command.Validators.Add(result =>
        {
            if (!AnalystOptions.OptionsParsed(result)) return;
            var total = AnalystOptions.ValueIfValid(result, population);
            if (AnalystOptions.ValueIfValid(result, initialInfectious) is var seeds && total > 0 && seeds > total)
                result.AddError("--initial-infectious cannot exceed --population.");
            if (AnalystOptions.ValueIfValid(result, population65) is { } older && total > 0 && older >= total)
                result.AddError("--population-65 must be less than --population (both age groups need people).");
            if (AnalystOptions.Given(result, vaccination65) && !AnalystOptions.Given(result, population65))
                result.AddError("--vaccination-65 needs --population-65.");
            if (AnalystOptions.ValueIfValid(result, contactChanges) is { } changes
                && changes.GroupBy(c => c.FromDay).FirstOrDefault(g => g.Count() > 1) is { } repeated)
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--contact-change: day {repeated.Key} is given more than once."));
            if (result.GetValue(output) == AnalystOptions.StandardStream && result.GetValue(summary) == AnalystOptions.StandardStream)
                result.AddError("--out and --summary cannot both be - (standard output); write one of them to a file.");
        });
        command.SetAction(parse =>
        {
            var n = parse.GetValue(population);
            var seeds = parse.GetValue(initialInfectious);
            var vaccinated = parse.GetValue(vaccination65);
            var changes = parse.GetValue(contactChanges) ?? [];
            IReadOnlyList<AgeGroup> groups = parse.GetValue(population65) is { } older
                ?
                [
                    new AgeGroup("0-64", n - older, InitialInfectious: seeds * ((n - older) / n)),
                    new AgeGroup("65+", older, InitialInfectious: seeds * (older / n), VaccinationCoverage: vaccinated ?? 0),
                ]
                : [new AgeGroup("all", n, InitialInfectious: seeds)];
            var parameters = new SeirParameters
            {
                Groups = groups,
                R0 = parse.GetValue(r0),
                LatentPeriod = parse.GetValue(latent),
                InfectiousPeriod = parse.GetValue(infectious),
                ContactChanges = changes,
                Days = parse.GetValue(days),
            };
            var result = SeirModel.Run(parameters);
            var totals = result.Total;

            // The final-size relation holds for a closed, homogeneously mixing population (two groups under
            // proportional mixing behave as one) whose contacts never change and of whom nobody starts immune.
            FinalSizeRelation? finalSize = null;
            if (changes.Length == 0 && (vaccinated ?? 0) == 0)
            {
                var z = result.FinalAttackRate;
                finalSize = new FinalSizeRelation(z, z - (1 - (n - seeds) / n * Math.Exp(-result.R0 * z)));
            }
            var report = new SeirSummary(result.R0, result.PeakPrevalenceDay, result.PeakPrevalence,
                result.PeakIncidenceDay, result.PeakIncidence, result.FinalAttackRate, finalSize);

            var terminal = host.Terminal;
            var outPath = parse.GetValue(output);
            var summaryPath = parse.GetValue(summary);
            if (outPath is null && summaryPath is null) outPath = AnalystOptions.StandardStream;
            if (outPath is not null && !AnalystOptions.Write(terminal, "--out", outPath, writer => WriteDaily(writer, totals)))
                return ExitCodes.Usage;
            if (summaryPath is not null && !AnalystOptions.Write(terminal, "--summary", summaryPath, writer => writer.WriteLine(AnalystOptions.ToJson(report))))
                return ExitCodes.Usage;
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteDaily(TextWriter writer, SeirTrajectory totals)
    {
        writer.WriteLine("day,S,E,I,R,new_infections");
        for (var d = 0; d < totals.Susceptible.Length; d++)
        {
            writer.WriteLine(string.Join(',', d.ToString(CultureInfo.InvariantCulture),
                AnalystOptions.Format(totals.Susceptible[d]), AnalystOptions.Format(totals.Exposed[d]),
                AnalystOptions.Format(totals.Infectious[d]), AnalystOptions.Format(totals.Recovered[d]),
                AnalystOptions.Format(totals.Incidence[d])));
        }
    }

    // DAY:MULT, repeatable: contacts are MULT times baseline from DAY on (not cumulative with earlier changes).
    private static Option<ContactChange[]?> ContactChangeOption()
    {
        const string name = "--contact-change";
        var option = new Option<ContactChange[]?>(name)
        {
            Description = "DAY:MULT, repeatable: from day DAY, contacts are MULT times the baseline (e.g. 30:0.5 lockdown, "
                + "then 60:0.8 relaxation — relative to baseline, not to the previous change).",
            HelpName = "DAY:MULT",
            Arity = ArgumentArity.OneOrMore,
        };
        option.CustomParser = result =>
        {
            var changes = new List<ContactChange>();
            foreach (var token in result.Tokens.Select(t => t.Value))
            {
                var parts = token.Split(':');
                if (parts.Length == 2 && AnalystOptions.ParseDouble(parts[0]) is >= 0 and var day
                    && AnalystOptions.ParseDouble(parts[1]) is >= 0 and var multiplier)
                {
                    changes.Add(new ContactChange(day, multiplier));
                }
                else
                {
                    result.AddError($"{name} must be DAY:MULT with a day >= 0 and a multiplier >= 0 (e.g. 30:0.5), not '{token}'.");
                }
            }
            return [.. changes];
        };
        return option;
    }

    private sealed record FinalSizeRelation(double Z, double Residual);

    private sealed record SeirSummary(double R0, int PeakDay, double PeakInfectious, int PeakIncidenceDay,
        double PeakIncidence, double FinalAttackRate, FinalSizeRelation? FinalSizeRelation);
}

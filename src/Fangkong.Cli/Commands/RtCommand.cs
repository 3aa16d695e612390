using System.CommandLine.Parsing;
using System.Globalization;
using Fangkong.Epidemiology.Reproduction;

namespace Fangkong.Cli.Commands;

// The time-varying reproduction number of Cori et al. (2013), as EpiEstim's estimate_R computes it.
// A pure computation: files in, CSV out; no host, no database.
internal static class RtCommand
{
    public static Command Create(CliHost host)
    {
        var incidence = AnalystOptions.File("--incidence",
            "Daily incidence CSV: columns t,I or t,local,imported (t = 1, 2, 3, …), optionally a date column (yyyy-MM-dd, consecutive). "
            + "Day 1's cases count as imported. - reads standard input.", required: true);
        var siMean = AnalystOptions.OptionalNumber("--si-mean",
            "Parametric serial interval: mean in days of the offset gamma (with --si-sd).", "a number of days > 1", v => v > 1);
        var siSd = AnalystOptions.OptionalNumber("--si-sd",
            "Parametric serial interval: standard deviation in days (with --si-mean).", "a number > 0", v => v > 0);
        var siDistr = AnalystOptions.File("--si-distr",
            "Non-parametric serial interval CSV: columns k,w with k = 0, 1, 2, …, w_0 = 0, summing to 1 (within 0.01). "
            + "Instead of --si-mean/--si-sd.", required: false);
        var tStart = DayList("--t-start", "First day of each window, comma-separated (e.g. 2,3,4); days >= 2. With --t-end.", minimum: 2);
        var tEnd = DayList("--t-end", "Last day of each window, comma-separated (e.g. 8,9,10); as many as --t-start.", minimum: 2);
        var window = AnalystOptions.WholeNumber("--window",
            "Without --t-start/--t-end: windows of this many days sliding one day at a time from day 2 (weekly by default).",
            "a whole number of days >= 1", v => v >= 1, defaultValue: 7);
        var priorMean = AnalystOptions.Number("--prior-mean", "Mean of the gamma prior on R.", "a number > 0", v => v > 0, defaultValue: 5);
        var priorSd = AnalystOptions.Number("--prior-sd", "Standard deviation of the gamma prior on R.", "a number > 0", v => v > 0, defaultValue: 5);
        var output = AnalystOptions.File("--out",
            "Output CSV (- for standard output): t_start,t_end,mean,std,q0.025,q0.05,q0.25,median,q0.75,q0.95,q0.975, one row per window.",
            required: true, helpName: "FILE|-");

        var command = new Command("rt",
            "Estimate the time-varying reproduction number R by the method of Cori et al. (2013), as EpiEstim's estimate_R does: "
            + "gamma posterior per window, its mean, sd and 2.5/5/25/50/75/95/97.5% quantiles. A window is reported only when it "
            + "ends after the mean of the serial interval. Give the serial interval as --si-mean and --si-sd, or as --si-distr. "
            + AnalystOptions.ExitCodesHelp)
        {
            incidence, siMean, siSd, siDistr, tStart, tEnd, window, priorMean, priorSd, output,
        };
        command.Validators.Add(result =>
        {
            if (!AnalystOptions.OptionsParsed(result)) return;
            bool parametric = AnalystOptions.Given(result, siMean) || AnalystOptions.Given(result, siSd);
            if (parametric && AnalystOptions.Given(result, siDistr))
                result.AddError("--si-mean/--si-sd and --si-distr are mutually exclusive: give a parametric or a non-parametric serial interval, not both.");
            else if (AnalystOptions.Given(result, siMean) != AnalystOptions.Given(result, siSd))
                result.AddError(AnalystOptions.Given(result, siMean) ? "--si-sd is required with --si-mean." : "--si-mean is required with --si-sd.");
            else if (!parametric && !AnalystOptions.Given(result, siDistr))
                result.AddError("a serial interval is required: --si-mean and --si-sd, or --si-distr.");

            if (AnalystOptions.Given(result, tStart) != AnalystOptions.Given(result, tEnd))
                result.AddError(AnalystOptions.Given(result, tStart) ? "--t-end is required with --t-start." : "--t-start is required with --t-end.");
            else if (AnalystOptions.Given(result, tStart))
            {
                if (AnalystOptions.Given(result, window))
                    result.AddError("--window applies to sliding windows only; leave it out when --t-start/--t-end give the windows.");
                if (AnalystOptions.ValueIfValid(result, tStart) is { } starts && AnalystOptions.ValueIfValid(result, tEnd) is { } ends)
                {
                    if (starts.Length != ends.Length)
                        result.AddError($"--t-start ({starts.Length} values) and --t-end ({ends.Length} values) must have the same length.");
                    else if (Enumerable.Range(0, starts.Length).FirstOrDefault(k => starts[k] > ends[k], -1) is >= 0 and var i)
                        result.AddError(string.Create(CultureInfo.InvariantCulture,
                            $"--t-start/--t-end: window {i + 1} starts on day {starts[i]}, after it ends on day {ends[i]}."));
                }
            }
        });
        command.SetAction(parse =>
        {
            var terminal = host.Terminal;
            var incidencePath = parse.GetValue(incidence)!;
            var cases = AnalystOptions.Read(terminal, "--incidence", incidencePath, RtCsv.ReadIncidence);
            if (cases is null) return ExitCodes.Usage;

            SerialInterval serialInterval;
            if (parse.GetValue(siDistr) is { } distributionPath)
            {
                if (AnalystOptions.Read(terminal, "--si-distr", distributionPath, RtCsv.ReadSerialInterval) is not { } distribution)
                    return ExitCodes.Usage;
                serialInterval = distribution;
            }
            else
            {
                serialInterval = new SerialInterval.Parametric(parse.GetValue(siMean)!.Value, parse.GetValue(siSd)!.Value);
            }

            IReadOnlyList<RtWindow> windows;
            try
            {
                // System.CommandLine gives an absent list option as an empty array; RtOptions wants null for sliding windows.
                var options = new RtOptions(serialInterval,
                    parse.GetValue(tStart) is { Length: > 0 } starts ? starts : null,
                    parse.GetValue(tEnd) is { Length: > 0 } ends ? ends : null,
                    parse.GetValue(priorMean), parse.GetValue(priorSd), parse.GetValue(window));
                windows = CoriEstimator.Estimate(cases, options);
            }
            catch (ArgumentException e)
            {
                // Windows that the data cannot hold: t_end past the last day, or too few days for --window.
                terminal.Err.WriteLine($"error: {AnalystOptions.Message(e)}");
                return ExitCodes.Usage;
            }

            if (windows.Count == 0)
                terminal.Err.WriteLine("note: no window ends after the mean serial interval; the output has only its header.");
            return AnalystOptions.Write(terminal, "--out", parse.GetValue(output)!, writer => RtCsv.Write(writer, windows))
                ? ExitCodes.Ok
                : ExitCodes.Usage;
        });
        return command;
    }

    private static Option<int[]?> DayList(string name, string description, int minimum) =>
        AnalystOptions.Parsed<int[]?>(name, description, "D1,D2,…", token =>
        {
            var days = token.Split(',', StringSplitOptions.TrimEntries).Select(AnalystOptions.ParseInt).ToArray();
            return days.Length > 0 && days.All(d => d >= minimum) ? (true, days.Select(d => d!.Value).ToArray()) : (false, null);
        }, string.Create(CultureInfo.InvariantCulture, $"a comma-separated list of whole days >= {minimum}"));
}

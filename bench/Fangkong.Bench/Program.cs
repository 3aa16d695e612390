using System.Diagnostics;
using System.Globalization;
using Fangkong.Epidemiology.Reproduction;
using Fangkong.Epidemiology.Seir;

// Usage: dotnet run -c Release --project bench/Fangkong.Bench -- [rt|ensemble|all] [--write-incidence DIR]
// Benchmarks for issue 3: R(t) for 16 districts x 120 days, and a 1,000-draw SEIR ensemble for
// 16 districts x 180 days. Each is timed as the median of several runs after a warm-up; R(t) can
// also write its inputs as CSV so bench/rt-epiestim.R times R's EpiEstim on the very same series.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var writeDir = args.SkipWhile(a => a != "--write-incidence").Skip(1).FirstOrDefault();

const int Districts = 16, Days = 120;
var random = new Random(2022);
var series = Enumerable.Range(0, Districts).Select(d =>
{
    var peak = 40 + random.Next(60);
    var height = 200 + random.Next(3000);
    return Enumerable.Range(1, Days).Select(t => (double)Math.Max(0, (int)Math.Round(height * Math.Exp(-Math.Pow((t - peak) / 12.0, 2) / 2) + random.NextDouble() * 5))).ToArray();
}).ToArray();

if (writeDir is not null)
{
    Directory.CreateDirectory(writeDir);
    for (var d = 0; d < Districts; d++)
        File.WriteAllLines(Path.Combine(writeDir, $"district-{d:00}.csv"), ["t,I", .. series[d].Select((v, i) => $"{i + 1},{v}")]);
    Console.WriteLine($"wrote {Districts} incidence files to {writeDir}");
}

if (what is "rt" or "all")
{
    var options = new RtOptions(new SerialInterval.Parametric(3.0, 2.0));
    var ms = Median(7, () =>
    {
        var windows = 0;
        foreach (var s in series) windows += CoriEstimator.Estimate(Incidence.FromTotal(s), options).Count;
        return windows;
    }, out var count);
    Console.WriteLine($"R(t): {Districts} districts x {Days} days, weekly windows, SI 3.0/2.0: {count} windows in {ms:0.0} ms (median of 7)");
}

if (what is "ensemble" or "all")
{
    var template = new SeirParameters
    {
        Groups = [new AgeGroup("0-64", 1_300_000, InitialInfectious: 50), new AgeGroup("65+", 250_000, InitialInfectious: 10)],
        LatentPeriod = 3, InfectiousPeriod = 5, R0 = 2.2, Days = 180,
        ContactChanges = [new ContactChange(30, 0.6)],
    };
    var distributions = new EnsembleDistributions(ParameterDistribution.Normal(2.2, 0.3), ParameterDistribution.Gamma(3, 0.6), ParameterDistribution.Gamma(5, 1));
    var parallel = Median(3, () => { for (var d = 0; d < Districts; d++) SeirEnsemble.Run(template, distributions, 1000, seed: d); return 0; }, out _);
    var single = Median(1, () => { for (var d = 0; d < Districts; d++) SeirEnsemble.Run(template, distributions, 1000, seed: d, maxDegreeOfParallelism: 1); return 0; }, out _);
    Console.WriteLine($"SEIR ensemble: {Districts} districts x 1,000 draws x 180 days, 2 age groups: {parallel:0} ms on {Environment.ProcessorCount} cores; {single:0} ms on one core (ratio {single / parallel:0.00}x)");
}

static double Median(int runs, Func<int> work, out int result)
{
    result = work(); // warm-up
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        result = work();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

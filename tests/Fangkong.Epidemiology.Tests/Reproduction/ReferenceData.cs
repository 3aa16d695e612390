using System.Globalization;
using System.Text.Json;
using Fangkong.Epidemiology.Reproduction;

namespace Fangkong.Epidemiology.Tests.Reproduction;

// EpiEstim's example data and published estimate_R results, copied next to the tests from
// shared/data/epiestim so the suite stands on its own.
internal static class ReferenceData
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Reproduction", "Data", fileName);

    public static Incidence Incidence(string fileName)
    {
        using var reader = File.OpenText(PathOf(fileName));
        return RtCsv.ReadIncidence(reader);
    }

    public static SerialInterval.NonParametric SerialInterval(string fileName)
    {
        using var reader = File.OpenText(PathOf(fileName));
        return RtCsv.ReadSerialInterval(reader);
    }

    // The settings file names its data by a path under shared/; only the file name is kept here.
    public static (Incidence Incidence, RtOptions Options) Settings(string example)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(PathOf(example + ".json")));
        var root = json.RootElement;
        SerialInterval serialInterval = root.GetProperty("method").GetString() switch
        {
            "non_parametric_si" => SerialInterval(Path.GetFileName(root.GetProperty("si_distr").GetString()!)),
            "parametric_si" => new SerialInterval.Parametric(root.GetProperty("mean_si").GetDouble(), root.GetProperty("std_si").GetDouble()),
            var other => throw new InvalidDataException($"{example}: unexpected method {other}"),
        };
        var options = new RtOptions(
            serialInterval,
            Integers(root.GetProperty("t_start")),
            Integers(root.GetProperty("t_end")),
            root.GetProperty("mean_prior").GetDouble(),
            root.GetProperty("std_prior").GetDouble());
        return (Incidence(Path.GetFileName(root.GetProperty("input").GetString()!)), options);
    }

    public static IReadOnlyList<double[]> ExpectedRows(string example) =>
        File.ReadAllLines(PathOf(example + ".csv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())
            .ToList();

    public static double[] Columns(RtWindow w) =>
        [w.TStart, w.TEnd, w.Mean, w.Std, w.Q025, w.Q05, w.Q25, w.Median, w.Q75, w.Q95, w.Q975];

    private static int[] Integers(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}

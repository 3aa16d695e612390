using System.Text;
using System.Text.RegularExpressions;

namespace Fangkong.Web.Tests;

// IgnoreQueryFilters() switches off every filter of its whole query, sub-queries included (issue 11:
// the treatment board listed the whole city that way). So, in src/: every call says why it is safe with
// a "// unscoped: <why>" comment on its line or the line directly above, and none may touch personal or
// health data — the statement it belongs to (from the previous ';' or '{' to the next ';') must not name
// one of the sets below. Demo seeders (start-up system jobs) and migrations are exempt. No database.
public sealed partial class UnscopedReadsTests
{
    // The FangkongDb sets that hold personal or health data (a person, a patient, an address, a phone,
    // a diagnosis, a test, a health code, a buyer's pseudonym, a hotline caller's complaint).
    public static readonly string[] PersonalSets =
    [
        "People", "Patients", "PatientEvents", "PatientTests", "CarePlans", "PlacementLines",
        "KeyResidents", "CheckIns", "GreenChannelAlerts", "TransportRequests",
        "ResidentRequests", "MedicineOffers", "MedicineAsks", "GroupOrderLines", "GroupOrderDistributions",
        "Cases", "CaseExposures", "Contacts", "FollowUps",
        "SamplingRecords", "PoolControls", "IssuedHealthCodes",
        "PharmacySales", "WatchFlags", "Tickets", "TicketEntries",
    ];

    [Fact]
    public void Every_IgnoreQueryFilters_in_src_is_marked_and_touches_no_personal_or_health_data()
    {
        var root = RepositoryRoot();
        var problems = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(file => (File: file, Relative: Path.GetRelativePath(root, file).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/bin/", StringComparison.Ordinal) && !f.Relative.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => !IsExempt(f.Relative))
            .SelectMany(f => Problems(f.Relative, File.ReadAllText(f.File)))
            .ToList();
        Assert.True(problems.Count == 0, "Unscoped reads to fix:\n" + string.Join('\n', problems));
    }

    // The checker itself, on the shapes issue 11 found and the ones it must let through.
    [Theory]
    [InlineData("var q = db.Patients.IgnoreQueryFilters().Where(p => ids.Contains(p.Id));", "personal")]
    [InlineData("// unscoped: names\nvar q = db.Patients.IgnoreQueryFilters().Where(p => ids.Contains(p.Id));", "personal")]
    [InlineData("// unscoped: wards\nvar q = db.Wards.IgnoreQueryFilters()\n    .Join(db.People, w => w.Id, p => p.Id, (w, p) => p.Name);", "personal")]
    [InlineData("var wardIds = db.Wards.Select(w => w.Id);\nvar names = db.Facilities.IgnoreQueryFilters().Select(f => f.Name);", "marker")]
    [InlineData("var names = db.Facilities.IgnoreQueryFilters().Select(f => f.Name); // unscoped: facility names are reference data", "")]
    [InlineData("var p = db.Patients.ToList();\n// unscoped: facility names are reference data\nvar names = db.Facilities.IgnoreQueryFilters().Select(f => f.Name);", "")]
    [InlineData("// IgnoreQueryFilters() on a joined set would switch the filters off\nvar p = db.People.ToList();", "")]
    [InlineData("// unscoped: reference\nvar n = Features.People.Person.Max + db.Facilities.IgnoreQueryFilters().Count();", "")]
    public void The_checker_flags_missing_markers_and_personal_sets(string code, string expected)
    {
        var found = Problems("Sample.cs", code).ToList();
        if (expected.Length == 0) Assert.Empty(found);
        else Assert.Contains(found, p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static bool IsExempt(string relative) =>
        relative.Contains("/Platform/Data/Migrations/", StringComparison.Ordinal)
        || (relative.Contains("/Features/Demo/", StringComparison.Ordinal) && Path.GetFileName(relative).EndsWith("Seeder.cs", StringComparison.Ordinal));

    internal static IEnumerable<string> Problems(string file, string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var code = lines.Select(StripLineComment).ToArray();
        // The code without comments as one text, with each line's start, to find statements across lines.
        var text = new StringBuilder();
        var starts = new int[code.Length];
        for (var i = 0; i < code.Length; i++)
        {
            starts[i] = text.Length;
            text.Append(code[i]).Append('\n');
        }
        var all = text.ToString();
        for (var i = 0; i < code.Length; i++)
        {
            foreach (Match call in Call().Matches(code[i]))
            {
                var where = $"{file}:{i + 1}";
                var marked = lines[i].Contains("// unscoped:", StringComparison.Ordinal)
                    || (i > 0 && lines[i - 1].TrimStart().StartsWith("// unscoped:", StringComparison.Ordinal));
                if (!marked) yield return $"{where}: IgnoreQueryFilters() without a '// unscoped: <why>' marker comment";
                var at = starts[i] + call.Index;
                var from = all.LastIndexOfAny([';', '{'], at) + 1;
                var to = all.IndexOf(';', at);
                var statement = all[from..(to < 0 ? all.Length : to)];
                var named = PersonalSet().Matches(statement).Select(m => m.Groups[1].Value).Where(PersonalSets.Contains).Distinct().ToList();
                if (named.Count > 0)
                    yield return $"{where}: IgnoreQueryFilters() in a statement over personal or health data ({string.Join(", ", named)})";
            }
        }
    }

    // The line without a trailing // comment (a "//" inside a string literal is kept).
    private static string StripLineComment(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length - 1; i++)
        {
            if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) inString = !inString;
            else if (!inString && line[i] == '/' && line[i + 1] == '/') return line[..i];
        }
        return line;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fangkong.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"\.\s*IgnoreQueryFilters\s*\(\s*\)")]
    private static partial Regex Call();

    // A set read from a context variable (db.People, committeeDb.Patients), not a namespace (Features.People).
    [GeneratedRegex(@"\b[a-z_]\w*\s*\.\s*([A-Z]\w*)\b")]
    private static partial Regex PersonalSet();
}

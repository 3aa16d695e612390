using System.Diagnostics.CodeAnalysis;

namespace Fangkong.Core.Divisions;

// The flat record list from ChinaDivisionReader, checked to be a single city's tree and indexed by parent.
// Children are kept in code order so that tie-breaking, and therefore every result, is independent of the
// order the records arrived in.
internal sealed class DivisionTree
{
    private static readonly IReadOnlyList<DivisionRecord> NoChildren = [];

    private readonly Dictionary<string, DivisionRecord> _byCode;
    private readonly Dictionary<string, List<DivisionRecord>> _children;

    private DivisionTree(DivisionRecord root, Dictionary<string, DivisionRecord> byCode, Dictionary<string, List<DivisionRecord>> children)
    {
        Root = root;
        _byCode = byCode;
        _children = children;
    }

    public DivisionRecord Root { get; }

    public int Count => _byCode.Count;

    public static DivisionTree Build(IReadOnlyList<DivisionRecord> records)
    {
        var byCode = new Dictionary<string, DivisionRecord>(records.Count, StringComparer.Ordinal);
        DivisionRecord? root = null;
        foreach (var record in records)
        {
            if (record is null)
            {
                throw new ArgumentException("The division tree contains a null record.", nameof(records));
            }

            if (!byCode.TryAdd(record.Code, record))
            {
                throw new ArgumentException($"Division '{record.Code}' appears twice.", nameof(records));
            }

            if (record.Level == DivisionLevel.City)
            {
                if (root is not null)
                {
                    throw new ArgumentException($"The tree has two cities, '{root.Code}' and '{record.Code}'; pass one city at a time.", nameof(records));
                }

                root = record;
            }
        }

        if (root is null)
        {
            throw new ArgumentException("The division tree has no city record.", nameof(records));
        }

        var children = new Dictionary<string, List<DivisionRecord>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (ReferenceEquals(record, root))
            {
                continue;
            }

            if (record.ParentCode is null
                || !byCode.TryGetValue(record.ParentCode, out var parent)
                || parent.Level != record.Level - 1)
            {
                throw new ArgumentException(
                    $"Division '{record.Code}' ({record.Level}) does not hang under a division one level up in this city's tree.",
                    nameof(records));
            }

            if (!children.TryGetValue(parent.Code, out var siblings))
            {
                siblings = [];
                children[parent.Code] = siblings;
            }

            siblings.Add(record);
        }

        foreach (var siblings in children.Values)
        {
            siblings.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        }

        return new DivisionTree(root, byCode, children);
    }

    public IReadOnlyList<DivisionRecord> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : NoChildren;

    public bool TryGet(string code, [NotNullWhen(true)] out DivisionRecord? record) => _byCode.TryGetValue(code, out record);
}

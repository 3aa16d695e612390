using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests.Divisions;

internal static class PopulationInvariants
{
    // Rows and columns of the population table add up: at every node the children's totals and each of
    // their age bands sum to the parent's, every node's bands sum to its total, and nothing is negative.
    public static void AssertConsistent(IReadOnlyList<DivisionRecord> tree, IReadOnlyDictionary<string, PopulationFigures> figures)
    {
        Assert.Equal(tree.Count, figures.Count);
        foreach (var node in tree)
        {
            var own = figures[node.Code];
            Assert.True(own.Total >= 0, $"{node.Code} total is negative");
            Assert.True(own.Ages.Age0To14 >= 0 && own.Ages.Age15To64 >= 0 && own.Ages.Age65Plus >= 0, $"{node.Code} has a negative band: {own.Ages}");
            Assert.Equal(own.Total, own.Ages.Total);

            var children = tree.Where(r => r.ParentCode == node.Code).Select(r => figures[r.Code]).ToList();
            if (children.Count == 0)
            {
                continue;
            }

            Assert.Equal(own.Total, children.Sum(c => c.Total));
            Assert.Equal(own.Ages.Age0To14, children.Sum(c => c.Ages.Age0To14));
            Assert.Equal(own.Ages.Age15To64, children.Sum(c => c.Ages.Age15To64));
            Assert.Equal(own.Ages.Age65Plus, children.Sum(c => c.Ages.Age65Plus));
        }
    }
}

using Fangkong.Epidemiology.Reproduction;

namespace Fangkong.Epidemiology.Tests;

public sealed class EpidemiologyStaysPureTests
{
    // Mathematics only: the framework and MathNet.Numerics, never EF Core or ASP.NET.
    [Fact]
    public void Epidemiology_references_only_the_framework_and_MathNet()
    {
        var references = typeof(CoriEstimator).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "MathNet.Numerics",
            $"Fangkong.Epidemiology references {name}"));
    }
}

using Fangkong.Optimization.MinCostFlow;

namespace Fangkong.Optimization.Tests;

public sealed class OptimizationStaysPureTests
{
    // The optimisation core references nothing but the framework: no solver library, no EF, no ASP.NET.
    [Fact]
    public void Optimization_references_only_the_dotnet_framework()
    {
        var references = typeof(NetworkSimplex).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard",
            $"Fangkong.Optimization references {name}"));
    }
}

using Fangkong.Core.Divisions;

namespace Fangkong.Core.Tests;

public class CoreStaysPureTests
{
    // Fangkong.Core is the pure core: no EF Core, no ASP.NET, no packages, so its algorithms stay
    // testable and benchmarkable on their own. Only the framework itself may be referenced.
    [Fact]
    public void Core_references_only_the_dotnet_framework()
    {
        var references = typeof(DivisionCodes).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib" or "Microsoft.Win32.Primitives",
            $"Fangkong.Core references {name}"));
    }
}

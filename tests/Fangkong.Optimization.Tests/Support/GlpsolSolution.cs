namespace Fangkong.Optimization.Tests.Support;

public sealed record GlpsolSolution(
    string Status,
    double PrintedObjective,
    IReadOnlyDictionary<(int From, int To), double> Flows,
    string Output)
{
    public bool IsOptimal => Status == "OPTIMAL";
}

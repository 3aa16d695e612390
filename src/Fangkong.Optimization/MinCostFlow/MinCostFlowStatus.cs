namespace Fangkong.Optimization.MinCostFlow;

public enum MinCostFlowStatus
{
    Optimal,
    Infeasible,
    Unbounded,
}

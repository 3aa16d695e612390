namespace Fangkong.Optimization.Allocation;

// One site's line of the plan, enough for a planner to see why it got what it got. FillRatio is
// for display only; every decision was taken on the integer counts.
public sealed record SiteAllocation(string SiteId, int Priority, long Need, long Allocated, double FillRatio, string Reason);

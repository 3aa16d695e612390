namespace Fangkong.Optimization.Allocation;

// The tranche LP's answer read back from arc flows. Objective is the LP's optimal cost,
// TransportCost - TrancheReward: the reward is only a device to rank the tranches, so a planner reads
// TransportCost (units x distance, exactly as in AllocationPlan) and the per-site amounts.
public sealed record TranchePlan(
    IReadOnlyList<AllocationShipment> Shipments,
    IReadOnlyList<TrancheSiteAllocation> Sites,
    long TotalAvailable,
    long TotalAllocated,
    long TransportCost,
    long TrancheReward,
    long Objective);

// CompleteTranches counts the tranches of need the site has entirely (k such that Allocated >=
// floor(k * Need / K)), so "fair to 1/K" can be read off directly: within a class two sites differ by
// at most one tranche unless the one behind could not take another unit (routes, stock it can reach,
// or its receiving cap).
public sealed record TrancheSiteAllocation(string SiteId, int Priority, long Need, long Allocated, int CompleteTranches);

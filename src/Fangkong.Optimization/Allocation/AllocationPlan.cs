namespace Fangkong.Optimization.Allocation;

// TransportCost is the exact sum of units x distance over the shipments.
public sealed record AllocationPlan(
    IReadOnlyList<AllocationShipment> Shipments,
    IReadOnlyList<SiteAllocation> Sites,
    long TotalAvailable,
    long TotalNeed,
    long TotalAllocated,
    long TransportCost);

namespace Fangkong.Optimization.Allocation;

public sealed record AllocationShipment(string SourceId, string SiteId, long Units, long Distance);

namespace Fangkong.Optimization.Allocation;

// A usable source -> site lane. Distance is an integer (metres, or km x 10) so that the transport
// cost units x distance stays exact; Capacity null means the lane can carry any quantity.
public sealed record AllocationRoute(string SourceId, string SiteId, long Distance, long? Capacity = null);

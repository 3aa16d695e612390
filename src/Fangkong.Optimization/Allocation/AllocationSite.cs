namespace Fangkong.Optimization.Allocation;

// A receiving site. Priority 1 is the highest class (key populations, severe patients). MaxReceivable
// caps what the site can physically take (storage, cold chain) below its need; null means no cap.
public sealed record AllocationSite(string Id, long Need, int Priority, long? MaxReceivable = null);

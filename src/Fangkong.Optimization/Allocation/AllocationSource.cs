namespace Fangkong.Optimization.Allocation;

// A place that can ship stock: a warehouse, distributor or manufacturer, with the whole units it can release now.
public sealed record AllocationSource(string Id, long Available);

namespace Fangkong.Optimization.Allocation;

// Text keys, not sentences, so the UI can translate them.
public static class AllocationReasons
{
    // The whole need is delivered (a site with zero need is full too).
    public const string Full = "full";

    // Supply ran short for this priority class; the site got the class's common fill ratio.
    public const string ShortPriorityShare = "shortPriorityShare";

    // No route with positive capacity reaches the site.
    public const string NoRoute = "noRoute";

    // The site could not take another unit while others in its class still could: its routes'
    // capacities, or the stock of the sources it can reach, are exhausted.
    public const string RouteCapacity = "routeCapacity";

    // The site reached its MaxReceivable, which is below its need.
    public const string ReceivingCapacity = "receivingCapacity";
}

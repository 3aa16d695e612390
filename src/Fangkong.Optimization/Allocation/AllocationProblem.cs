namespace Fangkong.Optimization.Allocation;

// Validated once here so the engine can assume clean input: bad data is refused with a clear
// message instead of producing a plan that silently ignores it.
public sealed class AllocationProblem
{
    public AllocationProblem(
        IReadOnlyList<AllocationSource> sources,
        IReadOnlyList<AllocationSite> sites,
        IReadOnlyList<AllocationRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(routes);

        var sourceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
            if (string.IsNullOrEmpty(source.Id) || !sourceIds.Add(source.Id))
            {
                throw new ArgumentException($"Source id '{source.Id}' is empty or repeated.", nameof(sources));
            }

            if (source.Available < 0)
            {
                throw new ArgumentException($"Source '{source.Id}' has negative available quantity {source.Available}.", nameof(sources));
            }
        }

        var siteIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            ArgumentNullException.ThrowIfNull(site, nameof(sites));
            if (string.IsNullOrEmpty(site.Id) || !siteIds.Add(site.Id))
            {
                throw new ArgumentException($"Site id '{site.Id}' is empty or repeated.", nameof(sites));
            }

            if (site.Need < 0 || site.MaxReceivable < 0)
            {
                throw new ArgumentException($"Site '{site.Id}' has a negative need or maximum receivable.", nameof(sites));
            }

            if (site.Priority < 1)
            {
                throw new ArgumentException($"Site '{site.Id}' has priority {site.Priority}; classes start at 1 (highest).", nameof(sites));
            }
        }

        var lanes = new HashSet<(string, string)>();
        foreach (var route in routes)
        {
            ArgumentNullException.ThrowIfNull(route, nameof(routes));
            if (!sourceIds.Contains(route.SourceId) || !siteIds.Contains(route.SiteId))
            {
                throw new ArgumentException($"Route {route.SourceId} -> {route.SiteId} names an unknown source or site.", nameof(routes));
            }

            // One lane per pair keeps "the shipment from A to B" unambiguous in the plan.
            if (!lanes.Add((route.SourceId, route.SiteId)))
            {
                throw new ArgumentException($"Route {route.SourceId} -> {route.SiteId} is repeated.", nameof(routes));
            }

            if (route.Distance < 0 || route.Capacity < 0)
            {
                throw new ArgumentException($"Route {route.SourceId} -> {route.SiteId} has a negative distance or capacity.", nameof(routes));
            }
        }

        Sources = [.. sources];
        Sites = [.. sites];
        Routes = [.. routes];
    }

    public IReadOnlyList<AllocationSource> Sources { get; }

    public IReadOnlyList<AllocationSite> Sites { get; }

    public IReadOnlyList<AllocationRoute> Routes { get; }
}

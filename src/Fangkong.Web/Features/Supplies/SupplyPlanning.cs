using System.Diagnostics;
using System.Globalization;
using Fangkong.Core.Geography;
using Fangkong.Optimization.Allocation;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies;

public sealed record PlanRequest(Guid? ProductId, string? ProductCode, string? Scope, string? Basis, int? HorizonDays, int? SafetyDays);

public sealed record PlanAdjustment(Guid? SourceId, Guid? SiteId, long? Units);

public sealed record PlanSiteView(Guid FacilityId, string Name, string Kind, string DivisionCode, int Priority, long OnHand, long Inbound,
    double DailyUse, long Requested, long Need, long EngineAllocated, long Allocated, double FillRatio, string Reason, long Community = 0,
    string? CommunityNote = null);

public sealed record PlanShipmentView(Guid SourceId, string SourceName, Guid SiteId, string SiteName, long Units, long EngineUnits, double DistanceKm);

public sealed record PlanSourceView(Guid FacilityId, string Name, long AvailableNow, long Shipped);

// Per priority class: how evenly the class was served. Engine plans have max − min fill below one
// unit's worth of the smallest need; a manual adjustment may break that, and the page says so.
public sealed record PlanClassView(int Priority, int Sites, long Need, long Allocated, double MinFill, double MaxFill, bool EvenToTheUnit);

public sealed record PlanView(Guid Id, Guid ProductId, string ProductCode, string ProductName, string Unit, string ScopeCode, string Basis,
    int HorizonDays, int SafetyDays, string Status, long TotalAvailable, long TotalNeed, long TotalAllocated, long TransportCost,
    long EngineTransportCost, double EngineMilliseconds, string? CreatedBy, DateTime CreatedAt, string? ApprovedBy, DateTime? ApprovedAt,
    int Version, IReadOnlyList<PlanClassView> Classes, IReadOnlyList<PlanSiteView> Sites, IReadOnlyList<PlanShipmentView> Shipments,
    IReadOnlyList<PlanSourceView> Sources);

public sealed record PlanSummary(Guid Id, string ProductCode, string ProductName, string ScopeCode, string Basis, string Status,
    long TotalNeed, long TotalAllocated, long TotalAvailable, DateTime CreatedAt, string? CreatedBy, int Version);

// Runs the allocation engine on the current stock and need, keeps the plan with its explanation,
// lets a planner adjust shipments (with the effect shown) and approve: approval creates one
// delivery order per shipment, in one transaction, and refuses a stale plan or one whose sources
// no longer hold what it ships.
public sealed class SupplyPlanning(FangkongDb db, SupplyNeeds needs, StockLedger ledger, CurrentUser user, AuditLog audit,
    TimeProvider clock, IOptions<SupplyOptions> options)
{
    public async Task<WriteOutcome<SupplyPlan>> RunAsync(PlanRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var product = await ledger.FindProductAsync(request.ProductId, request.ProductCode, errors, ct);
        var scope = string.IsNullOrWhiteSpace(request.Scope) ? user.Jurisdiction.DivisionPrefix ?? "" : request.Scope.Trim();
        NeedBasis basis = NeedBasis.Consumption;
        if (request.Basis is not null && (int.TryParse(request.Basis, out _) || !Enum.TryParse(request.Basis, true, out basis)))
            errors.Add("basis", "须为 forecast、consumption 或 requests / must be forecast, consumption or requests");
        var horizon = request.HorizonDays ?? options.Value.DefaultHorizonDays;
        var safety = request.SafetyDays ?? options.Value.DefaultSafetyDays;
        if (horizon is < 1 or > 60) errors.Add("horizonDays", "须为 1–60 / must be 1–60");
        if (safety is < 0 or > 30) errors.Add("safetyDays", "须为 0–30 / must be 0–30");
        if (scope.Length == 0 || !scope.All(char.IsAsciiDigit) || scope.Length > 12)
            errors.Add("scope", "须为区划代码 / must be a division code");
        else if (!await db.Divisions.AnyAsync(d => d.Code == scope, ct))
            errors.Add("scope", "区划不存在 / unknown division");
        else if (!user.Jurisdiction.CoversDivision(scope))
            return new WriteOutcome<SupplyPlan>.Forbidden(new FieldErrors().Add("scope", "超出管辖范围 / outside your jurisdiction"));
        if (errors.Any) return new WriteOutcome<SupplyPlan>.Invalid(errors);

        var (sites, problem) = await needs.SitesAsync(product!, scope, basis, horizon, safety, ct);
        if (problem is not null) return new WriteOutcome<SupplyPlan>.Invalid(problem);
        var sources = await needs.SourcesAsync(product!, scope, ct);
        if (sites.Count == 0) return Invalid("scope", "范围内没有该品种的需求点 / no site in this scope stocks or requests this product");
        if (sources.Count == 0) return Invalid("scope", "范围内没有仓库或生产企业 / no warehouse or manufacturer in this scope");

        var coordinates = await db.Facilities.AsNoTracking().Where(f => f.DivisionCode.StartsWith(scope))
            .Select(f => new { f.Id, f.Latitude, f.Longitude }).ToDictionaryAsync(f => f.Id, f => (f.Latitude, f.Longitude), ct);
        var routes = new List<AllocationRoute>(sites.Count * sources.Count);
        foreach (var site in sites)
            foreach (var source in sources)
                routes.Add(new AllocationRoute(source.FacilityId.ToString(), site.FacilityId.ToString(), Distance(coordinates, source.FacilityId, site.FacilityId)));

        var started = Stopwatch.GetTimestamp();
        var solution = AllocationEngine.Allocate(new AllocationProblem(
            sources.Select(s => new AllocationSource(s.FacilityId.ToString(), s.Available)).ToList(),
            sites.Select(s => new AllocationSite(s.FacilityId.ToString(), s.Need, s.Priority)).ToList(),
            routes));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var now = clock.GetUtcNow().UtcDateTime;
        var plan = SupplyPlan.Draft(Guid.CreateVersion7(), product!.Id, scope, basis, horizon, safety, user.UserName, now);
        plan.RecordSolution(solution.TotalAvailable, solution.TotalNeed, solution.TotalAllocated, solution.TransportCost, Math.Round(elapsed, 1));
        var lines = solution.Sites.ToDictionary(s => Guid.Parse(s.SiteId));
        db.SupplyPlans.Add(plan);
        db.SupplyPlanSites.AddRange(sites.Select(s => SupplyPlanSite.From(plan.Id, s.FacilityId, s.DivisionCode, s.Priority, s.OnHand, s.Inbound,
            s.DailyUse, s.Requested, s.Need, lines[s.FacilityId].Allocated, lines[s.FacilityId].Reason, s.Community, s.CommunityNote)));
        db.SupplyPlanShipments.AddRange(solution.Shipments.Where(s => s.Units > 0)
            .Select(s => SupplyPlanShipment.From(plan.Id, Guid.Parse(s.SourceId), Guid.Parse(s.SiteId), s.Units, s.Distance)));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("supplies.plan.run", AuditOutcome.Success, "supplyPlan", plan.Id.ToString(),
            $"{product.Code} {scope} need {solution.TotalNeed} allocated {solution.TotalAllocated} of {solution.TotalAvailable}"), ct);
        return new WriteOutcome<SupplyPlan>.Done(plan);
    }

    public async Task<List<PlanSummary>> ListAsync(int take, CancellationToken ct)
    {
        var plans = await db.SupplyPlans.AsNoTracking().OrderByDescending(p => p.CreatedAt).Take(take).ToListAsync(ct);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        return plans.Select(p => new PlanSummary(p.Id, products[p.ProductId].Code, products[p.ProductId].Name, p.ScopeCode, p.Basis.ToString(),
            p.Status.ToString(), p.TotalNeed, p.TotalAllocated, p.TotalAvailable, p.CreatedAt, p.CreatedBy, p.Version)).ToList();
    }

    public async Task<PlanView?> ViewAsync(Guid id, CancellationToken ct)
    {
        var plan = await db.SupplyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return null;
        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == plan.ProductId, ct);
        var sites = await db.SupplyPlanSites.AsNoTracking().Where(s => s.PlanId == id).ToListAsync(ct);
        var shipments = await db.SupplyPlanShipments.AsNoTracking().Where(s => s.PlanId == id).ToListAsync(ct);
        var ids = sites.Select(s => s.FacilityId).Concat(shipments.Select(s => s.SourceId)).Distinct().ToList();
        // unscoped: facilities are reference data (names and divisions of the facilities an order, plan or report names)
        var names = await db.Facilities.AsNoTracking().IgnoreQueryFilters().Where(f => ids.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => (f.Name, f.Kind), ct);
        var sources = plan.Status == PlanStatus.Draft
            ? (await needs.SourcesAsync(product, plan.ScopeCode, ct)).ToDictionary(s => s.FacilityId, s => s.Available)
            : [];
        var shippedBySource = shipments.GroupBy(s => s.SourceId).ToDictionary(g => g.Key, g => g.Sum(s => s.Units));

        // Least served first: those are the lines a planner reviews.
        var siteViews = sites.Select(s => new PlanSiteView(s.FacilityId, names[s.FacilityId].Name, names[s.FacilityId].Kind.ToString(), s.DivisionCode,
                s.Priority, s.OnHand, s.Inbound, s.DailyUse, s.Requested, s.Need, s.EngineAllocated, s.Allocated, Math.Round(s.FillRatio, 4), s.Reason,
                s.Community, s.CommunityNote))
            .OrderBy(s => s.FillRatio).ThenBy(s => s.Priority).ThenBy(s => s.DivisionCode).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var shipmentViews = shipments.Select(s => new PlanShipmentView(s.SourceId, names[s.SourceId].Name, s.SiteId, names[s.SiteId].Name,
                s.Units, s.EngineUnits, s.Distance / 10.0))
            .OrderBy(s => s.SourceName, StringComparer.Ordinal).ThenBy(s => s.SiteName, StringComparer.Ordinal).ToList();
        var sourceViews = shippedBySource.Keys.Union(sources.Keys).Select(idOf => new PlanSourceView(idOf,
                names.TryGetValue(idOf, out var n) ? n.Name : idOf.ToString(), sources.GetValueOrDefault(idOf), shippedBySource.GetValueOrDefault(idOf)))
            .OrderByDescending(s => s.Shipped).ToList();
        return new PlanView(plan.Id, product.Id, product.Code, product.Name, product.Unit, plan.ScopeCode, plan.Basis.ToString(), plan.HorizonDays,
            plan.SafetyDays, plan.Status.ToString(), plan.TotalAvailable, plan.TotalNeed, plan.TotalAllocated, plan.TransportCost, plan.EngineTransportCost,
            plan.EngineMilliseconds, plan.CreatedBy, plan.CreatedAt, plan.ApprovedBy, plan.ApprovedAt, plan.Version, Classes(sites), siteViews,
            shipmentViews, sourceViews);
    }

    public static List<PlanClassView> Classes(IEnumerable<SupplyPlanSite> sites) =>
        sites.Where(s => s.Need > 0).GroupBy(s => s.Priority).OrderBy(g => g.Key).Select(g =>
        {
            var min = g.Min(s => s.FillRatio);
            var max = g.Max(s => s.FillRatio);
            // Even to the unit: no site could take one unit from another and end nearer the common ratio.
            var even = g.All(a => g.All(b => a.Allocated == a.Need || (double)(a.Allocated + 1) / a.Need >= (double)b.Allocated / b.Need - 1e-12));
            return new PlanClassView(g.Key, g.Count(), g.Sum(s => s.Need), g.Sum(s => s.Allocated), Math.Round(min, 4), Math.Round(max, 4), even);
        }).ToList();

    // Sets one source → site shipment (0 removes it). Refused when it would ship more than the
    // source can release now or give the site more than its need.
    public async Task<WriteOutcome<PlanView>> AdjustAsync(Guid id, int expectedVersion, PlanAdjustment change, CancellationToken ct)
    {
        var plan = await db.SupplyPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return new WriteOutcome<PlanView>.NotFound();
        if (plan.Version != expectedVersion) return new WriteOutcome<PlanView>.Stale(plan.Version);
        var errors = new FieldErrors();
        if (plan.Status != PlanStatus.Draft) return InvalidView("status", $"方案已{Status(plan.Status)}，不能调整 / the plan is {plan.Status.ToString().ToLowerInvariant()} and cannot change");
        if (change.SourceId is null) errors.Add("sourceId", "必填 / required");
        if (change.SiteId is null) errors.Add("siteId", "必填 / required");
        if (change.Units is null) errors.Add("units", "必填 / required");
        else if (change.Units < 0) errors.Add("units", "不能为负数 / cannot be negative");
        if (errors.Any) return new WriteOutcome<PlanView>.Invalid(errors);

        var site = await db.SupplyPlanSites.FirstOrDefaultAsync(s => s.PlanId == id && s.FacilityId == change.SiteId, ct);
        if (site is null) return InvalidView("siteId", "该机构不在方案中 / this site is not in the plan");
        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == plan.ProductId, ct);
        var source = (await needs.SourcesAsync(product, plan.ScopeCode, ct)).FirstOrDefault(s => s.FacilityId == change.SourceId);
        if (source is null) return InvalidView("sourceId", "该仓库不在方案范围内 / this source is not within the plan's scope");
        var shipments = await db.SupplyPlanShipments.Where(s => s.PlanId == id).ToListAsync(ct);
        var shipment = shipments.FirstOrDefault(s => s.SourceId == change.SourceId && s.SiteId == change.SiteId);
        var current = shipment?.Units ?? 0;
        var units = change.Units!.Value;
        var fromSource = shipments.Where(s => s.SourceId == change.SourceId).Sum(s => s.Units) - current + units;
        if (fromSource > source.Available)
            return InvalidView("units", $"超过该仓库可调配量 {source.Available:N0} / exceeds what the source can release ({source.Available:N0})");
        var toSite = site.Allocated - current + units;
        if (toSite > site.Need)
            return InvalidView("units", $"超过该机构需求 {site.Need:N0} / exceeds the site's need ({site.Need:N0})");

        if (shipment is null)
        {
            var coordinates = await db.Facilities.AsNoTracking().Where(f => f.Id == change.SourceId || f.Id == change.SiteId)
                .Select(f => new { f.Id, f.Latitude, f.Longitude }).ToDictionaryAsync(f => f.Id, f => (f.Latitude, f.Longitude), ct);
            shipment = SupplyPlanShipment.From(id, change.SourceId!.Value, change.SiteId!.Value, 0, Distance(coordinates, change.SourceId!.Value, change.SiteId!.Value));
            db.SupplyPlanShipments.Add(shipment);
            shipments.Add(shipment);
        }
        shipment.Adjust(units);
        site.SetAllocated(toSite);
        plan.Adjusted(shipments.Sum(s => s.Units), shipments.Sum(s => s.Units * s.Distance), clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync<PlanView>(id, ct);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("supplies.plan.adjust", AuditOutcome.Success, "supplyPlan", id.ToString(),
            $"{change.SourceId} -> {change.SiteId}: {current} -> {units}"), ct);
        return new WriteOutcome<PlanView>.Done((await ViewAsync(id, ct))!);
    }

    public async Task<WriteOutcome<PlanView>> ApproveAsync(Guid id, int expectedVersion, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await db.SupplyPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return new WriteOutcome<PlanView>.NotFound();
        if (plan.Version != expectedVersion) return new WriteOutcome<PlanView>.Stale(plan.Version);
        if (plan.Status != PlanStatus.Draft) return InvalidView("status", $"方案已{Status(plan.Status)} / the plan is already {plan.Status.ToString().ToLowerInvariant()}");
        var now = clock.GetUtcNow().UtcDateTime;
        // Claim the plan first: of two planners approving at once, the second fails here, before
        // any order exists, with the plan's new version.
        plan.Approve(user.UserName, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            return await StaleAsync<PlanView>(id, ct);
        }

        var product = await db.Products.AsNoTracking().FirstAsync(p => p.Id == plan.ProductId, ct);
        var shipments = await db.SupplyPlanShipments.AsNoTracking().Where(s => s.PlanId == id && s.Units > 0).ToListAsync(ct);
        var sources = (await needs.SourcesAsync(product, plan.ScopeCode, ct)).ToDictionary(s => s.FacilityId);
        var errors = new FieldErrors();
        foreach (var bySource in shipments.GroupBy(s => s.SourceId))
        {
            var available = sources.TryGetValue(bySource.Key, out var s) ? s.Available : 0;
            if (bySource.Sum(x => x.Units) > available)
                errors.Add("sources", $"{s?.Name ?? bySource.Key.ToString()}: 现可调配 {available:N0}，方案需 {bySource.Sum(x => x.Units):N0}，请重新计算 / can release {available:N0} now, the plan ships {bySource.Sum(x => x.Units):N0}; run the plan again");
        }
        if (errors.Any)
        {
            await tx.RollbackAsync(ct);
            return new WriteOutcome<PlanView>.Invalid(errors);
        }

        // unscoped: facilities are reference data (names and divisions of the facilities an order, plan or report names)
        var facilities = await db.Facilities.AsNoTracking().IgnoreQueryFilters()
            .Where(f => shipments.Select(s => s.SiteId).Contains(f.Id) || shipments.Select(s => s.SourceId).Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, ct);
        var serial = 0;
        var stamp = now.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        var prefix = id.ToString("N")[^4..].ToUpperInvariant();
        foreach (var s in shipments.OrderBy(s => facilities[s.SiteId].DivisionCode).ThenBy(s => s.SiteId))
        {
            var site = facilities[s.SiteId];
            db.DeliveryOrders.Add(DeliveryOrder.FromPlan(Guid.CreateVersion7(), $"PS{stamp}-{prefix}-{++serial:D4}", id, plan.ProductId,
                s.SourceId, facilities[s.SourceId].DivisionCode, s.SiteId, site.DivisionCode, site.DistrictCode, s.Units, now));
        }
        var planned = await db.SupplyRequests.Where(r => r.ProductId == plan.ProductId && r.Status == SupplyRequestStatus.Open
            && r.DivisionCode.StartsWith(plan.ScopeCode)).ToListAsync(ct);
        var siteIds = shipments.Select(s => s.SiteId).ToHashSet();
        foreach (var request in planned.Where(r => siteIds.Contains(r.FacilityId))) request.MarkPlanned(id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("supplies.plan.approve", AuditOutcome.Success, "supplyPlan", id.ToString(),
            $"{serial} delivery orders, {shipments.Sum(s => s.Units)} units of {product.Code}"), ct);
        return new WriteOutcome<PlanView>.Done((await ViewAsync(id, ct))!);
    }

    public async Task<WriteOutcome<PlanView>> DiscardAsync(Guid id, int expectedVersion, CancellationToken ct)
    {
        var plan = await db.SupplyPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return new WriteOutcome<PlanView>.NotFound();
        if (plan.Version != expectedVersion) return new WriteOutcome<PlanView>.Stale(plan.Version);
        if (plan.Status != PlanStatus.Draft) return InvalidView("status", $"方案已{Status(plan.Status)} / the plan is already {plan.Status.ToString().ToLowerInvariant()}");
        plan.Discard(clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync<PlanView>(id, ct);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("supplies.plan.discard", AuditOutcome.Success, "supplyPlan", id.ToString()), ct);
        return new WriteOutcome<PlanView>.Done((await ViewAsync(id, ct))!);
    }

    // Facilities without coordinates are treated as 100 km away: still reachable, never preferred.
    private static long Distance(IReadOnlyDictionary<Guid, (double? Latitude, double? Longitude)> coordinates, Guid from, Guid to) =>
        coordinates.TryGetValue(from, out var a) && coordinates.TryGetValue(to, out var b)
            && a is { Latitude: { } lat1, Longitude: { } lon1 } && b is { Latitude: { } lat2, Longitude: { } lon2 }
            ? GreatCircle.HundredMetres(lat1, lon1, lat2, lon2)
            : 1000;

    private async Task<WriteOutcome<T>> StaleAsync<T>(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await db.SupplyPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return current is null ? new WriteOutcome<T>.NotFound() : new WriteOutcome<T>.Stale(current.Version);
    }

    private static string Status(PlanStatus status) => status switch
    {
        PlanStatus.Approved => "批准",
        PlanStatus.Discarded => "作废",
        _ => "为草案",
    };

    private static WriteOutcome<SupplyPlan> Invalid(string field, string message) => new WriteOutcome<SupplyPlan>.Invalid(new FieldErrors().Add(field, message));
    private static WriteOutcome<PlanView> InvalidView(string field, string message) => new WriteOutcome<PlanView>.Invalid(new FieldErrors().Add(field, message));
}

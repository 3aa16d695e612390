using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Community.Sharing;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies;

// Community: units residents of the committees this site serves still wait for (sharing asks and
// medicine requests, see CommunityMedicineDemand), with a note saying where they come from.
public sealed record SiteNeed(Guid FacilityId, string Name, FacilityKind Kind, string DivisionCode, int Priority,
    long OnHand, long Inbound, double DailyUse, long Requested, long Need, double? DaysOfSupply, long Community = 0, string? CommunityNote = null);

public sealed record SourceStock(Guid FacilityId, string Name, FacilityKind Kind, string DivisionCode, long OnHand, long Reserve,
    long Committed, long Available, double? Latitude, double? Longitude);

// What every site in a scope holds, uses and needs of one product, and what every source can
// release. Read through the jurisdiction filters, so a district sees its own sites and sources.
public sealed class SupplyNeeds(FangkongDb db, Forecasts forecasts, CommunityMedicineDemand community, TimeProvider clock, IOptions<SupplyOptions> options)
{
    private SupplyOptions O => options.Value;

    public static readonly DeliveryStatus[] OpenStatuses = [DeliveryStatus.Approved, DeliveryStatus.Dispatched, DeliveryStatus.InTransit];

    public async Task<(List<SiteNeed> Sites, FieldErrors? Problem)> SitesAsync(Product product, string scope, NeedBasis basis,
        int horizonDays, int safetyDays, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var windowStart = now.Date.AddDays(-O.ConsumptionWindowDays);
        var siteKinds = O.PriorityByKind.Keys.ToArray();

        var onHand = await db.StockLots.AsNoTracking()
            .Where(l => l.ProductId == product.Id && l.DivisionCode.StartsWith(scope) && (l.Expiry == null || l.Expiry >= today))
            .GroupBy(l => l.FacilityId).Select(g => new { g.Key, Units = g.Sum(l => l.OnHand) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var stocked = await db.StockLots.AsNoTracking().Where(l => l.ProductId == product.Id && l.DivisionCode.StartsWith(scope))
            .Select(l => l.FacilityId).Distinct().ToListAsync(ct);
        var used = await db.StockMovements.AsNoTracking()
            .Where(m => m.ProductId == product.Id && m.Reason == MovementReason.Dispensed && m.At >= windowStart && m.DivisionCode.StartsWith(scope))
            .GroupBy(m => m.FacilityId).Select(g => new { g.Key, Units = -g.Sum(m => m.Change) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var inbound = await db.DeliveryOrders.AsNoTracking()
            .Where(o => o.ProductId == product.Id && OpenStatuses.Contains(o.Status) && o.SiteDivisionCode.StartsWith(scope))
            .GroupBy(o => o.SiteId).Select(g => new { g.Key, Units = g.Sum(o => o.Units) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var requested = await db.SupplyRequests.AsNoTracking()
            .Where(r => r.ProductId == product.Id && r.Status == SupplyRequestStatus.Open && r.DivisionCode.StartsWith(scope))
            .GroupBy(r => r.FacilityId).Select(g => new { g.Key, Units = g.Sum(r => r.Units) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);

        var fromCommunity = await CommunityBySiteAsync(product, scope, ct);

        var candidateIds = stocked.Concat(requested.Keys).Concat(fromCommunity.Keys).ToHashSet();
        var facilities = await db.Facilities.AsNoTracking()
            .Where(f => siteKinds.Contains(f.Kind) && f.DivisionCode.StartsWith(scope))
            .Select(f => new { f.Id, f.Name, f.Kind, f.DivisionCode }).ToListAsync(ct);
        facilities = facilities.Where(f => candidateIds.Contains(f.Id)).OrderBy(f => f.DivisionCode).ThenBy(f => f.Id).ToList();

        var dailyUse = facilities.ToDictionary(f => f.Id, f => used.GetValueOrDefault(f.Id) / (double)O.ConsumptionWindowDays);
        if (basis == NeedBasis.Forecast)
        {
            var (forecastUse, problem) = await ForecastDailyUseAsync(product, scope, horizonDays,
                facilities.Select(f => (f.Id, f.DivisionCode)).ToList(), dailyUse, ct);
            if (problem is not null) return ([], problem);
            dailyUse = forecastUse!;
        }

        var sites = facilities.Select(f =>
        {
            var have = onHand.GetValueOrDefault(f.Id);
            var coming = inbound.GetValueOrDefault(f.Id);
            var asked = requested.GetValueOrDefault(f.Id);
            var residents = fromCommunity.GetValueOrDefault(f.Id);
            var use = dailyUse[f.Id];
            // What residents already asked for is the floor of need, like the site's own open requests.
            var floor = asked + (residents?.Units ?? 0);
            long need = basis == NeedBasis.Requests
                ? floor
                : Math.Max(Math.Max(0, (long)Math.Ceiling(use * (horizonDays + safetyDays) - 1e-9) - have - coming), floor);
            return new SiteNeed(f.Id, f.Name, f.Kind, f.DivisionCode, O.PriorityOf(f.Kind), have, coming, Math.Round(use, 2), asked, need,
                use > 0 ? Math.Round(have / use, 1) : null, residents?.Units ?? 0, residents?.Note);
        }).ToList();
        return (sites, null);
    }

    private sealed record CommunityShare(long Units, string Note);

    // Residents' open medicine asks and requests per committee, handed to the site that serves the
    // committee: a community health centre of the same street (the family doctors' base), one in the
    // committee itself first, then by division code; a pharmacy of the street when it has none.
    // Committees whose street has neither are left out rather than sent across streets.
    private async Task<Dictionary<Guid, CommunityShare>> CommunityBySiteAsync(Product product, string scope, CancellationToken ct)
    {
        var demand = await community.OpenAsync(product.Id, product.Name, product.UnitsPerCourse, scope, ct);
        if (demand.Count == 0) return [];
        var streets = demand.Select(d => d.CommitteeCode[..Math.Min(9, d.CommitteeCode.Length)]).Distinct().ToList();
        var servers = (await db.Facilities.AsNoTracking()
                .Where(f => (f.Kind == FacilityKind.CommunityHealthCentre || f.Kind == FacilityKind.Pharmacy) && f.DivisionCode.StartsWith(scope)
                    && f.DivisionCode.Length >= 9 && streets.Contains(f.DivisionCode.Substring(0, 9)))
                .Select(f => new { f.Id, f.Kind, f.DivisionCode }).ToListAsync(ct))
            .GroupBy(f => f.DivisionCode[..9]).ToDictionary(g => g.Key, g => g.ToList());
        var bySite = new Dictionary<Guid, (long Units, int Asks, int Requests, int Committees)>();
        foreach (var d in demand)
        {
            if (!servers.TryGetValue(d.CommitteeCode[..Math.Min(9, d.CommitteeCode.Length)], out var street)) continue;
            var site = street.OrderBy(f => f.Kind == FacilityKind.CommunityHealthCentre ? 0 : 1).ThenBy(f => f.DivisionCode == d.CommitteeCode ? 0 : 1)
                .ThenBy(f => f.DivisionCode, StringComparer.Ordinal).ThenBy(f => f.Id).First();
            var s = bySite.GetValueOrDefault(site.Id);
            bySite[site.Id] = (s.Units + d.Units, s.Asks + d.Asks, s.Requests + d.Requests, s.Committees + 1);
        }
        return bySite.ToDictionary(x => x.Key, x => new CommunityShare(x.Value.Units,
            $"居民待满足 {x.Value.Units}：共享求药 {x.Value.Asks} 条、用药求助 {x.Value.Requests} 条（{x.Value.Committees} 个居委）/ "
            + $"residents waiting for {x.Value.Units}: {x.Value.Asks} sharing asks, {x.Value.Requests} medicine requests ({x.Value.Committees} committees)"));
    }

    // The surveillance forecast's symptomatic cases per district over the horizon × courses per case
    // × units per course, shared among the district's sites by their recent dispensing (equally when
    // none has history). Districts without a usable forecast keep need from consumption.
    private async Task<(Dictionary<Guid, double>? Use, FieldErrors? Problem)> ForecastDailyUseAsync(Product product, string scope, int horizonDays,
        List<(Guid Id, string DivisionCode)> sites, Dictionary<Guid, double> consumption, CancellationToken ct)
    {
        if (product.CoursesPerSymptomaticCase <= 0)
            return (null, new FieldErrors().Add("basis", "该品种未设置每例病例疗程数，不能按预测计算需求 / this product has no courses per case; the forecast cannot drive it"));
        var use = new Dictionary<Guid, double>(consumption);
        foreach (var district in sites.GroupBy(s => DivisionCodes.DistrictOf(s.DivisionCode)))
        {
            var outcome = await forecasts.DemandAsync(district.Key, Math.Max(7, horizonDays), ct);
            if (outcome is not WriteOutcome<DemandForecast>.Done { Value: var forecast }) continue;
            var symptomatic = forecast.Series.First(s => s.Key == "symptomatic").Daily.Take(horizonDays).Sum();
            var unitsPerDay = symptomatic * product.CoursesPerSymptomaticCase * product.UnitsPerCourse / horizonDays;
            var weights = district.ToDictionary(s => s.Id, s => consumption.GetValueOrDefault(s.Id));
            var total = weights.Values.Sum();
            foreach (var site in district)
                use[site.Id] = unitsPerDay * (total > 0 ? weights[site.Id] / total : 1.0 / district.Count());
        }
        return (use, null);
    }

    public async Task<List<SourceStock>> SourcesAsync(Product product, string scope, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var nodes = await db.Facilities.AsNoTracking()
            .Where(f => SupplyOptions.SourceKinds.Contains(f.Kind) && f.DivisionCode.StartsWith(scope))
            .OrderBy(f => f.DivisionCode).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.Name, f.Kind, f.DivisionCode, f.Latitude, f.Longitude }).ToListAsync(ct);
        var ids = nodes.Select(n => n.Id).ToList();
        var onHand = await db.StockLots.AsNoTracking()
            .Where(l => l.ProductId == product.Id && ids.Contains(l.FacilityId) && (l.Expiry == null || l.Expiry >= today))
            .GroupBy(l => l.FacilityId).Select(g => new { g.Key, Units = g.Sum(l => l.OnHand) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        var reserve = await db.StockPolicies.AsNoTracking().Where(p => p.ProductId == product.Id && ids.Contains(p.FacilityId))
            .ToDictionaryAsync(p => p.FacilityId, p => p.ReserveUnits, ct);
        // Approved but not yet dispatched: promised to a site, still on the source's shelf.
        var committed = await db.DeliveryOrders.AsNoTracking()
            .Where(o => o.ProductId == product.Id && o.Status == DeliveryStatus.Approved && ids.Contains(o.SourceId))
            .GroupBy(o => o.SourceId).Select(g => new { g.Key, Units = g.Sum(o => o.Units) }).ToDictionaryAsync(x => x.Key, x => x.Units, ct);
        return nodes.Select(n =>
        {
            var have = onHand.GetValueOrDefault(n.Id);
            var held = reserve.GetValueOrDefault(n.Id);
            var promised = committed.GetValueOrDefault(n.Id);
            return new SourceStock(n.Id, n.Name, n.Kind, n.DivisionCode, have, held, promised, Math.Max(0, have - held - promised), n.Latitude, n.Longitude);
        }).ToList();
    }
}

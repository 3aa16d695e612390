using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies;

public sealed record LotDto(string Lot, DateOnly? Expiry, long OnHand);

// One product at one node: on-hand over its lots, the mean daily dispensing of the last week, and
// days of supply (null when nothing was dispensed: the stock is not being drawn down).
public sealed record StockLine(Guid FacilityId, Guid ProductId, string ProductCode, string ProductName, string Unit, long OnHand,
    double DailyDispensed, double? DaysOfSupply, long ReserveUnits, IReadOnlyList<LotDto> Lots);

public sealed record MovementDto(Guid Id, DateTime At, Guid FacilityId, Guid ProductId, string ProductCode, string Lot, DateOnly? Expiry,
    long Change, long BalanceAfter, string Reason, string? Note, string? RecordedBy, Guid? DeliveryOrderId);

public sealed record SiteSupply(Guid FacilityId, string Name, FacilityKind Kind, string DivisionCode, long OnHand, double DailyDispensed, double? DaysOfSupply);

// A division's sites summed: days of supply is the division's on-hand over its daily dispensing,
// not a mean of the sites' ratios (a site with a month's stock does not cover one with none).
public sealed record DivisionSupply(string DivisionCode, int Sites, int SitesWithoutStock, long OnHand, double DailyDispensed, double? DaysOfSupply);

public sealed record DivisionSupplyBoard(Guid ProductId, string DivisionCode, DivisionSupply Total, IReadOnlyList<DivisionSupply> Children);

// The read side of the ledger. Everything goes through FangkongDb's scope filters, so a district
// sees its district and a pharmacy its own shelves; a node out of scope is simply not there.
public sealed class StockQueries(FangkongDb db, TimeProvider clock, IOptions<SupplyOptions> options)
{
    // Days of supply looks back over the same window as need from consumption (a week by default).
    public int WindowDays => options.Value.ConsumptionWindowDays;


    private DateTime WindowStart => clock.GetUtcNow().UtcDateTime.AddDays(-WindowDays);

    public static double? DaysOf(long onHand, double daily) => daily > 0 ? Math.Round(onHand / daily, 1) : null;

    public Task<Facility?> FindNodeAsync(Guid facilityId, CancellationToken ct) =>
        db.Facilities.AsNoTracking().FirstOrDefaultAsync(f => f.Id == facilityId && StockLedger.StockNodeKinds.Contains(f.Kind), ct);

    // Stock nodes in scope by name and kind, for the picker.
    public Task<List<Facility>> SearchNodesAsync(string? q, FacilityKind? kind, int limit, CancellationToken ct)
    {
        var query = db.Facilities.AsNoTracking().Where(f => StockLedger.StockNodeKinds.Contains(f.Kind));
        if (kind is { } k) query = query.Where(f => f.Kind == k);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(f => f.Name.Contains(term));
        }
        return query.OrderBy(f => f.DivisionCode).ThenBy(f => f.Name).Take(limit).ToListAsync(ct);
    }

    // On-hand per product (with its lots) at one node; null when the node is not in scope.
    public async Task<List<StockLine>?> StockAsync(Guid facilityId, Guid? productId, CancellationToken ct)
    {
        if (await FindNodeAsync(facilityId, ct) is null) return null;
        var lots = await db.StockLots.AsNoTracking()
            .Where(l => l.FacilityId == facilityId && (productId == null || l.ProductId == productId))
            .ToListAsync(ct);
        var since = WindowStart;
        var dispensed = await db.StockMovements.AsNoTracking()
            .Where(m => m.FacilityId == facilityId && (productId == null || m.ProductId == productId)
                && m.Reason == MovementReason.Dispensed && m.At >= since)
            .GroupBy(m => m.ProductId).Select(g => new { ProductId = g.Key, Units = -g.Sum(m => m.Change) })
            .ToDictionaryAsync(g => g.ProductId, g => g.Units, ct);
        var policies = await db.StockPolicies.AsNoTracking()
            .Where(p => p.FacilityId == facilityId && (productId == null || p.ProductId == productId))
            .ToDictionaryAsync(p => p.ProductId, p => p.ReserveUnits, ct);
        var productIds = lots.Select(l => l.ProductId).Concat(dispensed.Keys).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return productIds.Where(products.ContainsKey).Select(id =>
        {
            var product = products[id];
            var own = lots.Where(l => l.ProductId == id).OrderBy(l => l.Expiry ?? DateOnly.MaxValue).ThenBy(l => l.Lot, StringComparer.Ordinal).ToList();
            var onHand = own.Sum(l => l.OnHand);
            var daily = dispensed.GetValueOrDefault(id) / (double)WindowDays;
            return new StockLine(facilityId, id, product.Code, product.Name, product.Unit, onHand, Math.Round(daily, 1), DaysOf(onHand, daily),
                policies.GetValueOrDefault(id), own.Select(l => new LotDto(l.Lot, l.Expiry, l.OnHand)).ToList());
        }).OrderBy(s => s.ProductCode, StringComparer.Ordinal).ToList();
    }

    // Newest first. Both filters optional; the scope filter always applies.
    public async Task<Page<MovementDto>> MovementsAsync(Guid? facilityId, Guid? productId, Paging paging, CancellationToken ct)
    {
        var q = db.StockMovements.AsNoTracking();
        if (facilityId is { } f) q = q.Where(m => m.FacilityId == f);
        if (productId is { } p) q = q.Where(m => m.ProductId == p);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Join(db.Products, m => m.ProductId, pr => pr.Id, (m, pr) => new MovementDto(m.Id, m.At, m.FacilityId, m.ProductId, pr.Code, m.Lot, m.Expiry,
                m.Change, m.BalanceAfter, m.Reason.ToString(), m.Note, m.RecordedBy, m.DeliveryOrderId))
            .ToListAsync(ct);
        return new Page<MovementDto>(items, paging.Page, paging.PageSize, total);
    }

    // For each product, every site (stock node that is not a source) under the prefix with its
    // on-hand, daily dispensing and days of supply; sites that stock nothing of it and dispensed none
    // are left out. Three grouped queries whatever the number of sites or products (the run-out
    // warnings look at every product on each warnings request).
    public async Task<Dictionary<Guid, List<SiteSupply>>> DaysOfSupplyBySiteAsync(IReadOnlyCollection<Guid> productIds, string divisionPrefix, CancellationToken ct)
    {
        var prefix = divisionPrefix.Trim();
        var since = WindowStart;
        // Expired lots are on the shelf but cannot be handed out: they do not count as supply.
        var today = ChinaTime.Today(clock);
        // One product: its index does the work. Several: one pass over every product is cheaper than an
        // IN over the ids (SQLite would probe a JSON list per row), and the rest is dropped below.
        var lots = db.StockLots.AsNoTracking().Where(l => l.DivisionCode.StartsWith(prefix) && (l.Expiry == null || l.Expiry >= today));
        var moves = db.StockMovements.AsNoTracking().Where(m => m.Reason == MovementReason.Dispensed && m.At >= since && m.DivisionCode.StartsWith(prefix));
        if (productIds.Count == 1)
        {
            var only = productIds.First();
            lots = lots.Where(l => l.ProductId == only);
            moves = moves.Where(m => m.ProductId == only);
        }
        var onHand = await lots
            .GroupBy(l => new { l.ProductId, l.FacilityId }).Select(g => new { g.Key.ProductId, g.Key.FacilityId, Units = g.Sum(l => l.OnHand) })
            .ToDictionaryAsync(g => (g.ProductId, g.FacilityId), g => g.Units, ct);
        var dispensed = await moves
            .GroupBy(m => new { m.ProductId, m.FacilityId }).Select(g => new { g.Key.ProductId, g.Key.FacilityId, Units = -g.Sum(m => m.Change) })
            .ToDictionaryAsync(g => (g.ProductId, g.FacilityId), g => g.Units, ct);
        var sites = await db.Facilities.AsNoTracking()
            .Where(f => f.DivisionCode.StartsWith(prefix) && StockLedger.StockNodeKinds.Contains(f.Kind) && !SupplyOptions.SourceKinds.Contains(f.Kind))
            .Select(f => new { f.Id, f.Name, f.Kind, f.DivisionCode })
            .ToListAsync(ct);
        return productIds.Distinct().ToDictionary(product => product, product => sites
            .Where(s => onHand.ContainsKey((product, s.Id)) || dispensed.ContainsKey((product, s.Id))).Select(s =>
            {
                var units = onHand.GetValueOrDefault((product, s.Id));
                var daily = dispensed.GetValueOrDefault((product, s.Id)) / (double)WindowDays;
                return new SiteSupply(s.Id, s.Name, s.Kind, s.DivisionCode, units, Math.Round(daily, 1), DaysOf(units, daily));
            }).OrderBy(s => s.DaysOfSupply ?? double.MaxValue).ThenBy(s => s.DivisionCode, StringComparer.Ordinal).ToList());
    }

    // Days of supply of one product under a division, summed for the division and for each child
    // one level down: a city (4 digits) by district, a district by street, a street by committee.
    // Works at any level because children are code prefixes; a site registered at a district code
    // (no street) is counted in the total and under its own code.
    public async Task<DivisionSupplyBoard> DaysOfSupplyByDivisionAsync(Guid productId, string divisionPrefix, CancellationToken ct) =>
        (await DaysOfSupplyByDivisionAsync([productId], divisionPrefix, ct))[0];

    public async Task<List<DivisionSupplyBoard>> DaysOfSupplyByDivisionAsync(IReadOnlyList<Guid> productIds, string divisionPrefix, CancellationToken ct)
    {
        var prefix = divisionPrefix.Trim();
        var byProduct = await DaysOfSupplyBySiteAsync(productIds, prefix, ct);
        var childLength = Core.Divisions.DivisionCodes.ChildLength(prefix);
        return productIds.Select(productId =>
        {
            var sites = byProduct[productId];
            var children = sites
                .GroupBy(s => s.DivisionCode.Length >= childLength ? s.DivisionCode[..childLength] : s.DivisionCode)
                .Select(g => Sum(g.Key, g.ToList()))
                .OrderBy(d => d.DivisionCode, StringComparer.Ordinal)
                .ToList();
            return new DivisionSupplyBoard(productId, prefix, Sum(prefix, sites), children);
        }).ToList();
    }

    private static DivisionSupply Sum(string code, IReadOnlyCollection<SiteSupply> sites)
    {
        var units = sites.Sum(s => s.OnHand);
        var daily = sites.Sum(s => s.DailyDispensed);
        return new DivisionSupply(code, sites.Count, sites.Count(s => s.OnHand == 0), units, Math.Round(daily, 1), DaysOf(units, daily));
    }


    // For the export: every lot under a division or at one node, with the node's name.
    public IQueryable<StockLot> Lots(Guid? facilityId, string? divisionPrefix)
    {
        var q = db.StockLots.AsNoTracking();
        if (facilityId is { } f) q = q.Where(l => l.FacilityId == f);
        if (!string.IsNullOrWhiteSpace(divisionPrefix))
        {
            var prefix = divisionPrefix.Trim();
            q = q.Where(l => l.DivisionCode.StartsWith(prefix));
        }
        return q;
    }

    internal static bool IsPrefix(string? code) => code is not null && code.Trim().Length is >= 2 and <= 12 && code.Trim().All(char.IsAsciiDigit);
}

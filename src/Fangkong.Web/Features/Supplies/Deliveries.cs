using System.Globalization;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Live;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Supplies;

public sealed record ReceiptInput(long? ReceivedUnits, string? Discrepancy);

public sealed record OrderView(Guid Id, string Number, Guid PlanId, Guid ProductId, string ProductCode, string ProductName, string Unit,
    Guid SourceId, string SourceName, Guid SiteId, string SiteName, string SiteDivisionCode, long Units, long? ReceivedUnits,
    string? Discrepancy, string Status, DateTime CreatedAt, DateTime? DispatchedAt, DateTime? ReceivedAt, int Version,
    bool CanDispatch, bool CanReceive);

public sealed record OrderFilter(string? Status, Guid? FacilityId, Guid? ProductId, Guid? PlanId);

// Delivery orders from approval to receipt. Dispatch and receipt change the order and the ledger
// in one transaction, the order first: its version check makes a second, concurrent dispatch or
// receipt fail before it can touch stock.
public sealed class Deliveries(FangkongDb db, StockLedger ledger, CurrentUser user, AuditLog audit, LiveNotifier live, TimeProvider clock)
{
    public async Task<Page<OrderView>> ListAsync(OrderFilter filter, Paging paging, CancellationToken ct)
    {
        var q = db.DeliveryOrders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Status) && Enum.TryParse<DeliveryStatus>(filter.Status, true, out var status)) q = q.Where(o => o.Status == status);
        if (filter.FacilityId is { } f) q = q.Where(o => o.SiteId == f || o.SourceId == f);
        if (filter.ProductId is { } p) q = q.Where(o => o.ProductId == p);
        if (filter.PlanId is { } plan) q = q.Where(o => o.PlanId == plan);
        var total = await q.CountAsync(ct);
        var orders = await q.OrderBy(o => o.Status).ThenByDescending(o => o.CreatedAt).ThenBy(o => o.Number)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<OrderView>(await ViewsAsync(orders, ct), paging.Page, paging.PageSize, total);
    }

    // Counts by status for the task-force board.
    public async Task<Dictionary<string, (int Orders, long Units)>> CountsAsync(Guid? facilityId, CancellationToken ct)
    {
        var q = db.DeliveryOrders.AsNoTracking();
        if (facilityId is { } f) q = q.Where(o => o.SiteId == f || o.SourceId == f);
        var rows = await q.GroupBy(o => o.Status).Select(g => new { g.Key, Orders = g.Count(), Units = g.Sum(o => o.Units) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key.ToString(), r => (r.Orders, r.Units));
    }

    public async Task<OrderView?> FindAsync(Guid id, CancellationToken ct)
    {
        var order = await db.DeliveryOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? null : (await ViewsAsync([order], ct))[0];
    }

    public Task<WriteOutcome<OrderView>> DispatchAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "dispatch", o => o.SourceId, async (order, source, _) =>
        {
            if (order.Status != DeliveryStatus.Approved) return Refuse(order, "只有已批准的配送单可以发运 / only an approved order can be dispatched");
            var taken = await ledger.TakeAsync(source, order.ProductId, null, order.Units, MovementReason.TransferOut, order.Id, order.SiteId, order.Number, ct);
            if (taken is not WriteOutcome<MovementResult>.Done)
                return Translate(taken, "发运仓库库存不足 / the source no longer holds enough");
            order.Dispatched(Now);
            return null;
        }, ct);

    public Task<WriteOutcome<OrderView>> MarkInTransitAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "transit", o => o.SourceId, (order, _, _) =>
        {
            if (order.Status != DeliveryStatus.Dispatched) return Task.FromResult<WriteOutcome<OrderView>?>(Refuse(order, "只有已发运的配送单可以标记在途 / only a dispatched order goes in transit"));
            order.OnTheRoad(Now);
            return Task.FromResult<WriteOutcome<OrderView>?>(null);
        }, ct);

    public Task<WriteOutcome<OrderView>> ReceiveAsync(Guid id, int expectedVersion, ReceiptInput input, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "receive", o => o.SiteId, async (order, site, _) =>
        {
            if (order.Status is not (DeliveryStatus.Dispatched or DeliveryStatus.InTransit))
                return Refuse(order, order.Status == DeliveryStatus.Received
                    ? "该配送单已签收 / this order has already been received"
                    : "配送单尚未发运，不能签收 / the order has not been dispatched");
            var errors = new FieldErrors();
            if (input.ReceivedUnits is null) errors.Add("receivedUnits", "必填 / required");
            else if (input.ReceivedUnits < 0) errors.Add("receivedUnits", "不能为负数 / cannot be negative");
            else if (input.ReceivedUnits > order.Units) errors.Add("receivedUnits", $"不能超过发运数量 {order.Units:N0} / cannot exceed the {order.Units:N0} dispatched");
            var discrepancy = string.IsNullOrWhiteSpace(input.Discrepancy) ? null : input.Discrepancy.Trim();
            if (input.ReceivedUnits < order.Units && discrepancy is null)
                errors.Add("discrepancy", "实收少于发运时须说明差异 / explain why fewer units arrived");
            if (discrepancy is { Length: > 500 }) errors.Add("discrepancy", "最长 500 字符 / at most 500 characters");
            if (errors.Any) return new WriteOutcome<OrderView>.Invalid(errors);

            // The received units go into the site's ledger under the lots that left the source,
            // in dispatch order; a shortfall stays on the order as its discrepancy.
            var remaining = input.ReceivedUnits!.Value;
            // The lots are the ones the dispatch took out of the source (its TransferOut movements).
            // unscoped: stock is not personal data; the ledger reads the lots/movements of the one node this write was already checked for (or the order's source)
            var sent = await db.StockMovements.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.DeliveryOrderId == order.Id && m.Reason == MovementReason.TransferOut)
                .OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => new { m.Lot, m.Expiry, Units = -m.Change }).ToListAsync(ct);
            foreach (var (lot, expiry, units) in sent.Select(m => (m.Lot, m.Expiry, m.Units)))
            {
                if (remaining == 0) break;
                var take = Math.Min(units, remaining);
                await ledger.AddAsync(site, order.ProductId, lot, expiry, take, MovementReason.TransferIn, order.Id, order.SourceId, order.Number, ct);
                remaining -= take;
            }
            order.Received(input.ReceivedUnits.Value, discrepancy, user.UserName, Now);
            return null;
        }, ct);

    public Task<WriteOutcome<OrderView>> CancelAsync(Guid id, int expectedVersion, CancellationToken ct) =>
        StepAsync(id, expectedVersion, "cancel", o => o.SourceId, (order, _, _) =>
        {
            if (order.Status != DeliveryStatus.Approved) return Task.FromResult<WriteOutcome<OrderView>?>(Refuse(order, "只有未发运的配送单可以取消 / only an order not yet dispatched can be cancelled"));
            order.Cancel(Now);
            return Task.FromResult<WriteOutcome<OrderView>?>(null);
        }, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // One step: find the order (404 for unknown or out of scope), check the version, check that the
    // acting facility (source for dispatch, site for receipt) is the caller's, then do it.
    private async Task<WriteOutcome<OrderView>> StepAsync(Guid id, int expectedVersion, string action, Func<DeliveryOrder, Guid> actingFacility,
        Func<DeliveryOrder, Facility, CancellationToken, Task<WriteOutcome<OrderView>?>> step, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var order = await db.DeliveryOrders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return new WriteOutcome<OrderView>.NotFound();
        if (order.Version != expectedVersion) return new WriteOutcome<OrderView>.Stale(order.Version);
        // unscoped: facilities are reference data (names and divisions of the facilities an order, plan or report names)
        var facility = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstAsync(f => f.Id == actingFacility(order), ct);
        if (!user.Jurisdiction.CoversFacility(facility.Id, facility.DivisionCode))
            return new WriteOutcome<OrderView>.Forbidden(new FieldErrors().Add("order",
                action == "receive" ? "只有收货机构可以签收 / only the receiving site records receipt" : "只有发货机构可以操作 / only the shipping source can do this"));
        var refused = await step(order, facility, ct);
        if (refused is not null) return refused;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.DeliveryOrders.AsNoTracking().FirstAsync(o => o.Id == id, ct);
            return new WriteOutcome<OrderView>.Stale(current.Version);
        }
        await tx.CommitAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("supplies.order." + action, AuditOutcome.Success, "deliveryOrder", order.Id.ToString(),
            $"{order.Number} {order.Status} {order.ReceivedUnits?.ToString(CultureInfo.InvariantCulture) ?? order.Units.ToString(CultureInfo.InvariantCulture)}"), ct);
        await live.SuppliesChangedAsync(order.SiteDivisionCode, order.SiteId, order.SourceId);
        return new WriteOutcome<OrderView>.Done((await FindAsync(id, ct))!);
    }

    private static WriteOutcome<OrderView> Refuse(DeliveryOrder order, string message) =>
        new WriteOutcome<OrderView>.Invalid(new FieldErrors().Add("status", $"{order.Number}: {message}"));

    private static WriteOutcome<OrderView> Translate(WriteOutcome<MovementResult> outcome, string context) => outcome switch
    {
        WriteOutcome<MovementResult>.Invalid i => new WriteOutcome<OrderView>.Invalid(new FieldErrors().Add("units", $"{context}: {string.Join("; ", i.Errors.All.Values.SelectMany(v => v))}")),
        WriteOutcome<MovementResult>.Forbidden f => new WriteOutcome<OrderView>.Forbidden(f.Errors),
        _ => new WriteOutcome<OrderView>.NotFound(),
    };

    private async Task<List<OrderView>> ViewsAsync(List<DeliveryOrder> orders, CancellationToken ct)
    {
        var ids = orders.SelectMany(o => new[] { o.SourceId, o.SiteId }).Distinct().ToList();
        // unscoped: facilities are reference data (names and divisions of the facilities an order, plan or report names)
        var names = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => ids.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => (f.Name, f.DivisionCode), ct);
        var productIds = orders.Select(o => o.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var j = user.Jurisdiction;
        return orders.Select(o =>
        {
            var canSource = user.Has(Permission.HandleDeliveries) && j.CoversFacility(o.SourceId, names[o.SourceId].DivisionCode);
            var canSite = user.Has(Permission.HandleDeliveries) && j.CoversFacility(o.SiteId, names[o.SiteId].DivisionCode);
            var product = products[o.ProductId];
            return new OrderView(o.Id, o.Number, o.PlanId, o.ProductId, product.Code, product.Name, product.Unit, o.SourceId, names[o.SourceId].Name,
                o.SiteId, names[o.SiteId].Name, o.SiteDivisionCode, o.Units, o.ReceivedUnits, o.Discrepancy, o.Status.ToString(), o.CreatedAt,
                o.DispatchedAt, o.ReceivedAt, o.Version,
                canSource && o.Status is DeliveryStatus.Approved or DeliveryStatus.Dispatched,
                canSite && o.Status is DeliveryStatus.Dispatched or DeliveryStatus.InTransit);
        }).ToList();
    }
}

using Fangkong.Web.Features.Community.Requests;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Community.GroupOrders;

public sealed record PackageItemInput(string? Name, decimal? Quantity, string? Unit, decimal? ReferenceUnitPrice);

public sealed record PackageInput(Guid? SupplierId, string? Code, string? Name, string? Kind, decimal? Price, List<PackageItemInput>? Items,
    bool? Active = null);

public sealed record OrderInput(Guid? CompoundId, Guid? SupplierId, string? Organizer);

// Sets one household's quantity of one package; 0 removes the household's line.
public sealed record LineInput(string? Building, string? Room, Guid? PackageId, int? Quantity);

public sealed record LinesInput(List<LineInput>? Lines);

public sealed record DeclineInput(string? Reason);

public sealed record ScheduleInput(Guid? SupplierId, DateOnly? From);

// Either one household (LineId, Quantity defaults to what is left) or a whole building (everything
// left for its households). Quantity 0 with an Exception records a failed attempt (nobody home).
public sealed record DistributionInput(Guid? LineId, string? Building, int? Quantity, string? DeliveredBy, string? Exception);

public sealed record CapacityInput(int? DailyPackages);

public sealed record PackageView(Guid Id, Guid SupplierId, string SupplierName, string Code, string Name, string Kind, decimal Price,
    decimal ReferencePrice, decimal? MarkupPercent, bool AboveReference, IReadOnlyList<PackageItem> Items, bool Active, int Version);

public sealed record CompoundView(Guid Id, string DivisionCode, string Label, DateTime? SealedSince, DateTime? LiftedAt, DateTime? LastDeliveryAt,
    int OpenOrders, int Version);

public sealed record LineView(Guid Id, Guid PackageId, string PackageName, string Building, string Room, int Quantity, decimal UnitPrice,
    decimal ReferencePrice, bool AboveReference, int Delivered, int Remaining);

public sealed record DistributionView(Guid Id, Guid LineId, string Building, string Room, int Quantity, string DeliveredBy, string? Exception, DateTime At);

public sealed record OrderView(Guid Id, string DivisionCode, Guid CompoundId, string CompoundLabel, bool CompoundSealed, Guid SupplierId,
    string SupplierName, string Organizer, string Status, int Packages, int Delivered, decimal Amount, decimal ReferenceAmount, bool PriceFlag,
    DateTime CreatedAt, DateTime? SubmittedAt, DateTime? ConfirmedAt, string? DeclineReason, DateOnly? ScheduledDate, int? ScheduledSlot,
    string? SlotLabel, string? ScheduleReason, DateTime? FirstDistributedAt, DateTime? CompletedAt, int Version,
    IReadOnlyList<LineView> Lines, IReadOnlyList<DistributionView> Distributions);

public sealed record ScheduleLine(Guid OrderId, int Rank, DateOnly Day, int Slot, string SlotLabel, string CompoundLabel, string DivisionCode,
    string SupplierName, int Packages, string Reason);

public sealed record ScheduleResult(int DailyCapacity, IReadOnlyList<ScheduleLine> Scheduled, IReadOnlyList<Guid> NotPlaced);

public sealed record SupplierView(Guid Id, string Name, string DivisionCode, int DailyCapacity, bool CapacityStated, int Packages);

// 生活物资保供: packages offered by suppliers, group orders per compound collected by its worker or
// group leader, confirmed by the supplier, scheduled within its daily capacity (sealed compounds and
// the longest without a delivery first) and distributed door to door. Reads go through the
// jurisdiction filter: a worker sees its divisions' orders, a supplier's account the orders
// addressed to it. Writes name their side: households and distribution are the committee's,
// confirmation, scheduling, packages and capacity the supplier's.
public sealed class GroupOrderDesk(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock, IOptions<GroupOrdersOptions> options)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private GroupOrdersOptions O => options.Value;

    private const string OutsideScope = "不在管辖范围内 / outside your jurisdiction";

    // ---- suppliers and packages ----

    public async Task<List<SupplierView>> SuppliersAsync(CancellationToken ct)
    {
        // Suppliers are public enterprises, listed for every worker whatever their district.
        var counts = await db.SupplyPackages.AsNoTracking().Where(p => p.Active).GroupBy(p => p.SupplierId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var ids = counts.Keys.ToList();
        if (user.Jurisdiction.FacilityId is { } own && !ids.Contains(own)) ids.Add(own);
        // unscoped: suppliers are registered enterprises, public reference data
        var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => ids.Contains(f.Id) && f.Kind == FacilityKind.Enterprise)
            .Select(f => new { f.Id, f.Name, f.DivisionCode }).ToListAsync(ct);
        var capacities = await db.SupplierCapacities.AsNoTracking().Where(c => ids.Contains(c.SupplierId)).ToDictionaryAsync(c => c.SupplierId, c => c.DailyPackages, ct);
        return [.. facilities.OrderBy(f => f.DivisionCode).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => new SupplierView(f.Id, f.Name, f.DivisionCode,
            capacities.GetValueOrDefault(f.Id, O.DefaultDailyCapacity), capacities.ContainsKey(f.Id), counts.GetValueOrDefault(f.Id)))];
    }

    public async Task<List<PackageView>> PackagesAsync(Guid? supplierId, bool includeInactive, CancellationToken ct)
    {
        var q = db.SupplyPackages.AsNoTracking();
        if (supplierId is { } s) q = q.Where(p => p.SupplierId == s);
        if (!includeInactive) q = q.Where(p => p.Active);
        var packages = await q.OrderBy(p => p.SupplierId).ThenBy(p => p.Code).Take(Paging.MaxPageSize).ToListAsync(ct);
        var names = await SupplierNamesAsync(packages.Select(p => p.SupplierId), ct);
        return [.. packages.Select(p => View(p, names))];
    }

    public async Task<WriteOutcome<PackageView>> OfferPackageAsync(PackageInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var supplier = await SupplierAsync(input.SupplierId ?? user.Jurisdiction.FacilityId, errors, ct);
        var code = input.Code?.Trim() ?? "";
        if (code.Length is 0 or > 40) errors.Add("code", "必填，最长 40 字符 / required, at most 40 characters");
        var parsed = ValidatePackage(input, errors);
        if (supplier is not null && code.Length > 0 && await db.SupplyPackages.AnyAsync(p => p.SupplierId == supplier.Id && p.Code == code, ct))
            errors.Add("code", "该供应商已有此编号 / this supplier already has a package with this code");
        if (errors.Any) return new WriteOutcome<PackageView>.Invalid(errors);
        if (!SupplierSide(supplier!.Id, supplier.DivisionCode))
            return new WriteOutcome<PackageView>.Forbidden(new FieldErrors().Add("supplierId", "只能为本企业维护商品包 / only for your own enterprise"));
        var package = SupplyPackage.Offer(supplier.Id, supplier.DivisionCode, code, parsed.Name, parsed.Kind, parsed.Price, parsed.Items, user.UserName, Now);
        db.SupplyPackages.Add(package);
        await db.SaveChangesAsync(ct);
        await Audit("package.offer", "supplyPackage", package.Id, $"{code} {package.Price} ref {package.ReferencePrice}", ct);
        return new WriteOutcome<PackageView>.Done(View(package, new() { [supplier.Id] = supplier.Name }));
    }

    public async Task<WriteOutcome<PackageView>> RevisePackageAsync(Guid id, int expected, PackageInput input, CancellationToken ct)
    {
        var package = await db.SupplyPackages.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (package is null) return new WriteOutcome<PackageView>.NotFound();
        if (!SupplierSide(package.SupplierId, package.SupplierDivisionCode))
            return new WriteOutcome<PackageView>.Forbidden(new FieldErrors().Add("supplierId", "只能为本企业维护商品包 / only for your own enterprise"));
        var errors = new FieldErrors();
        var parsed = ValidatePackage(input, errors);
        if (errors.Any) return new WriteOutcome<PackageView>.Invalid(errors);
        if (package.Version != expected) return new WriteOutcome<PackageView>.Stale(package.Version);
        package.Revise(parsed.Name, parsed.Kind, parsed.Price, parsed.Items, input.Active ?? package.Active, Now);
        if (await SaveAsync(ct) is { } stale) return new WriteOutcome<PackageView>.Stale(stale);
        await Audit("package.revise", "supplyPackage", package.Id, $"{package.Code} {package.Price} ref {package.ReferencePrice}", ct);
        return new WriteOutcome<PackageView>.Done(View(package, await SupplierNamesAsync([package.SupplierId], ct)));
    }

    private static (string Name, PackageKind Kind, decimal Price, List<PackageItem> Items) ValidatePackage(PackageInput input, FieldErrors errors)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add("name", "必填，最长 100 字符 / required, at most 100 characters");
        PackageKind kind = default;
        if (string.IsNullOrWhiteSpace(input.Kind) || int.TryParse(input.Kind, out _) || !Enum.TryParse(input.Kind.Trim(), true, out kind))
            errors.Add("kind", "须为 vegetables、meatPoultryEggs、riceFlourOil、motherAndBaby 或 other / unknown kind");
        if (input.Price is not { } price || price <= 0 || price > 10_000) errors.Add("price", "须大于 0 且不超过 10000 元 / must be above 0 and at most 10,000 yuan");
        var items = new List<PackageItem>();
        if (input.Items is not { Count: > 0 and <= 50 }) errors.Add("items", "须列出 1–50 项内容 / list 1–50 items");
        else
            for (var i = 0; i < input.Items.Count; i++)
            {
                var item = input.Items[i];
                var itemName = item.Name?.Trim() ?? "";
                var unit = item.Unit?.Trim() ?? "";
                if (itemName.Length is 0 or > 60) errors.Add($"items[{i}].name", "必填，最长 60 字符 / required, at most 60 characters");
                if (unit.Length is 0 or > 10) errors.Add($"items[{i}].unit", "必填，最长 10 字符 / required, at most 10 characters");
                if (item.Quantity is not > 0 and <= 1000) errors.Add($"items[{i}].quantity", "须大于 0 且不超过 1000 / must be above 0 and at most 1,000");
                if (item.ReferenceUnitPrice is not >= 0 and <= 10_000) errors.Add($"items[{i}].referenceUnitPrice", "须为 0–10000 元 / must be 0–10,000 yuan");
                items.Add(new PackageItem(itemName, item.Quantity ?? 0, unit, item.ReferenceUnitPrice ?? 0));
            }
        return (name, kind, Math.Round(input.Price ?? 0, 2), items);
    }

    public async Task<WriteOutcome<SupplierView>> SetCapacityAsync(Guid supplierId, CapacityInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var supplier = await SupplierAsync(supplierId, errors, ct);
        if (input.DailyPackages is not (>= 1 and <= 100_000)) errors.Add("dailyPackages", "须为 1–100000 / must be 1–100,000");
        if (errors.Any) return new WriteOutcome<SupplierView>.Invalid(errors);
        if (!SupplierSide(supplier!.Id, supplier.DivisionCode))
            return new WriteOutcome<SupplierView>.Forbidden(new FieldErrors().Add("supplierId", "只能设置本企业的能力 / only for your own enterprise"));
        var row = await db.SupplierCapacities.FirstOrDefaultAsync(c => c.SupplierId == supplierId, ct);
        if (row is null) db.SupplierCapacities.Add(row = SupplierCapacity.For(supplierId, supplier.DivisionCode, input.DailyPackages!.Value, Now));
        else row.Change(input.DailyPackages!.Value, Now);
        await db.SaveChangesAsync(ct);
        await Audit("capacity", "supplier", supplierId, $"{row.DailyPackages} packages/day", ct);
        var packages = await db.SupplyPackages.CountAsync(p => p.SupplierId == supplierId && p.Active, ct);
        return new WriteOutcome<SupplierView>.Done(new SupplierView(supplier.Id, supplier.Name, supplier.DivisionCode, row.DailyPackages, true, packages));
    }

    // ---- compounds and their lockdown ----

    public async Task<List<CompoundView>> CompoundsAsync(string? division, CancellationToken ct)
    {
        var q = db.CommunityQrCodes.AsNoTracking().Where(c => c.RevokedAt == null);
        if (!string.IsNullOrWhiteSpace(division)) q = q.Where(c => c.DivisionCode.StartsWith(division.Trim()));
        var compounds = await q.OrderBy(c => c.DivisionCode).ThenBy(c => c.Label).Take(Paging.MaxPageSize).ToListAsync(ct);
        var ids = compounds.Select(c => c.Id).ToList();
        var last = await LastDeliveriesAsync(ids, ct);
        var open = await db.GroupOrders.AsNoTracking()
            .Where(o => ids.Contains(o.CompoundId) && o.Status != GroupOrderStatus.Completed && o.Status != GroupOrderStatus.Cancelled && o.Status != GroupOrderStatus.Declined)
            .GroupBy(o => o.CompoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. compounds.OrderByDescending(c => c.SealedSince is not null).ThenBy(c => c.DivisionCode).ThenBy(c => c.Label, StringComparer.Ordinal)
            .Select(c => new CompoundView(c.Id, c.DivisionCode, c.Label, c.SealedSince, c.LiftedAt, last.TryGetValue(c.Id, out var at) ? at : null, open.GetValueOrDefault(c.Id), c.Version))];
    }

    public Task<WriteOutcome<CompoundView>> SealAsync(Guid id, int expected, CancellationToken ct) =>
        LockdownAsync(id, expected, "seal", c => c.Seal(user.UserName ?? "", Now), ct);

    public Task<WriteOutcome<CompoundView>> LiftAsync(Guid id, int expected, CancellationToken ct) =>
        LockdownAsync(id, expected, "lift", c => c.Lift(user.UserName ?? "", Now), ct);

    private async Task<WriteOutcome<CompoundView>> LockdownAsync(Guid id, int expected, string step, Action<CommunityQrCode> change, CancellationToken ct)
    {
        var compound = await db.CommunityQrCodes.FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, ct);
        if (compound is null) return new WriteOutcome<CompoundView>.NotFound();
        if (!user.Jurisdiction.CoversDivision(compound.DivisionCode))
            return new WriteOutcome<CompoundView>.Forbidden(new FieldErrors().Add("compoundId", OutsideScope));
        if (compound.Version != expected) return new WriteOutcome<CompoundView>.Stale(compound.Version);
        change(compound);
        if (await SaveAsync(ct) is { } stale) return new WriteOutcome<CompoundView>.Stale(stale);
        await Audit("compound." + step, "communityQrCode", id, compound.DivisionCode, ct);
        var last = await LastDeliveriesAsync([id], ct);
        return new WriteOutcome<CompoundView>.Done(new CompoundView(compound.Id, compound.DivisionCode, compound.Label, compound.SealedSince, compound.LiftedAt,
            last.TryGetValue(id, out var at) ? at : null, 0, compound.Version));
    }

    // The day a delivery last reached each compound: the first hand-over of its latest order.
    private async Task<Dictionary<Guid, DateTime>> LastDeliveriesAsync(List<Guid> compoundIds, CancellationToken ct) =>
        // unscoped: last delivery day per compound, no personal data
        await db.GroupOrders.IgnoreQueryFilters().AsNoTracking().Where(o => compoundIds.Contains(o.CompoundId) && o.FirstDistributedAt != null)
            .GroupBy(o => o.CompoundId).Select(g => new { g.Key, At = g.Max(o => o.FirstDistributedAt!.Value) }).ToDictionaryAsync(x => x.Key, x => x.At, ct);

    // ---- orders: the committee's side ----

    public async Task<WriteOutcome<OrderView>> OpenAsync(OrderInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CommunityQrCode? compound = null;
        if (input.CompoundId is not { } compoundId) errors.Add("compoundId", "必填 / required");
        else if ((compound = await db.CommunityQrCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == compoundId && c.RevokedAt == null, ct)) is null)
            errors.Add("compoundId", "小区不存在或不在管辖范围内 / unknown compound or outside your jurisdiction");
        var supplier = await SupplierAsync(input.SupplierId, errors, ct);
        var organizer = input.Organizer?.Trim() ?? "";
        if (organizer.Length is 0 or > 100) errors.Add("organizer", "必填，最长 100 字符 / required, at most 100 characters");
        if (errors.Any) return new WriteOutcome<OrderView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(compound!.DivisionCode))
            return new WriteOutcome<OrderView>.Forbidden(new FieldErrors().Add("compoundId", OutsideScope));
        var order = GroupOrder.Open(compound.DivisionCode, compound.Id, supplier!.Id, supplier.DivisionCode, organizer, user.UserName, Now);
        db.GroupOrders.Add(order);
        await db.SaveChangesAsync(ct);
        await Audit("open", "groupOrder", order.Id, $"{compound.DivisionCode} {compound.Label} → {supplier.Name}", ct);
        return new WriteOutcome<OrderView>.Done((await ViewAsync(order.Id, ct))!);
    }

    // Households' quantities, while the order is still collecting. Validates every line before changing any.
    public async Task<WriteOutcome<OrderView>> SetLinesAsync(Guid id, int expected, LinesInput input, CancellationToken ct)
    {
        var order = await db.GroupOrders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return new WriteOutcome<OrderView>.NotFound();
        if (!CommitteeSide(order)) return new WriteOutcome<OrderView>.Forbidden(new FieldErrors().Add("id", OutsideScope));
        if (order.Version != expected) return new WriteOutcome<OrderView>.Stale(order.Version);
        if (!order.IsOpenForHouseholds) return StatusNotAllowed(order);
        var errors = new FieldErrors();
        if (input.Lines is not { Count: > 0 and <= 500 }) return Invalid("lines", "须为 1–500 行 / send 1–500 lines");
        var packageIds = input.Lines.Where(l => l.PackageId is not null).Select(l => l.PackageId!.Value).Distinct().ToList();
        var packages = await db.SupplyPackages.AsNoTracking().Where(p => packageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        for (var i = 0; i < input.Lines.Count; i++)
        {
            var l = input.Lines[i];
            if ((l.Building?.Trim() ?? "").Length is 0 or > 40) errors.Add($"lines[{i}].building", "必填，最长 40 字符 / required, at most 40 characters");
            if ((l.Room?.Trim() ?? "").Length > 20) errors.Add($"lines[{i}].room", "最长 20 字符 / at most 20 characters");
            if (l.Quantity is not (>= 0 and <= 99)) errors.Add($"lines[{i}].quantity", "须为 0–99 / must be 0–99");
            if (l.PackageId is not { } p || !packages.TryGetValue(p, out var package))
                errors.Add($"lines[{i}].packageId", "商品包不存在 / unknown package");
            else if (package.SupplierId != order.SupplierId || !package.Active)
                errors.Add($"lines[{i}].packageId", "须为本订单供应商在售的商品包 / must be an active package of this order's supplier");
        }
        if (errors.Any) return new WriteOutcome<OrderView>.Invalid(errors);

        var lines = await db.GroupOrderLines.Where(l => l.OrderId == id).ToListAsync(ct);
        foreach (var l in input.Lines)
        {
            var (building, room) = (l.Building!.Trim(), l.Room?.Trim() ?? "");
            var existing = lines.FirstOrDefault(x => x.PackageId == l.PackageId && x.Building == building && x.Room == room);
            if (existing is not null && l.Quantity == 0)
            {
                db.GroupOrderLines.Remove(existing);
                lines.Remove(existing);
            }
            else if (existing is not null) existing.ChangeQuantity(l.Quantity!.Value);
            else if (l.Quantity > 0)
            {
                var line = GroupOrderLine.For(order, packages[l.PackageId!.Value], building, room, l.Quantity.Value);
                db.GroupOrderLines.Add(line);
                lines.Add(line);
            }
        }
        order.RecountLines(lines, Now);
        if (await SaveAsync(ct) is { } stale) return new WriteOutcome<OrderView>.Stale(stale);
        await Audit("lines", "groupOrder", id, $"{lines.Count} households, {order.Packages} packages", ct);
        return new WriteOutcome<OrderView>.Done((await ViewAsync(id, ct))!);
    }

    public Task<WriteOutcome<OrderView>> SubmitAsync(Guid id, int expected, CancellationToken ct) =>
        ChangeAsync(id, expected, "submit", CommitteeSide, o => o.Status == GroupOrderStatus.Collecting,
            o => o.Packages == 0 ? new FieldErrors().Add("lines", "还没有住户订购 / no household has ordered yet") : null, o => o.Submit(Now), ct);

    public Task<WriteOutcome<OrderView>> CancelAsync(Guid id, int expected, CancellationToken ct) =>
        ChangeAsync(id, expected, "cancel", CommitteeSide, o => o.Status is GroupOrderStatus.Collecting or GroupOrderStatus.Submitted or GroupOrderStatus.Confirmed,
            _ => null, o => o.Cancel(Now), ct);

    // ---- orders: the supplier's side ----

    public Task<WriteOutcome<OrderView>> ConfirmAsync(Guid id, int expected, CancellationToken ct) =>
        ChangeAsync(id, expected, "confirm", o => SupplierSide(o.SupplierId, o.SupplierDivisionCode), o => o.Status == GroupOrderStatus.Submitted,
            _ => null, o => o.Confirm(user.UserName ?? "", Now), ct);

    public Task<WriteOutcome<OrderView>> DeclineAsync(Guid id, int expected, DeclineInput input, CancellationToken ct)
    {
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 200) return Task.FromResult(Invalid("reason", "必填，最长 200 字符 / required, at most 200 characters"));
        return ChangeAsync(id, expected, "decline", o => SupplierSide(o.SupplierId, o.SupplierDivisionCode), o => o.Status == GroupOrderStatus.Submitted,
            _ => null, o => o.Decline(user.UserName ?? "", reason, Now), ct);
    }

    // Places every confirmed, unscheduled order of one supplier from the given day (default: tomorrow,
    // China time) in priority order; orders already scheduled keep their day and use up its capacity.
    public async Task<WriteOutcome<ScheduleResult>> ScheduleAsync(ScheduleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var supplier = await SupplierAsync(input.SupplierId ?? user.Jurisdiction.FacilityId, errors, ct);
        var today = ChinaTime.Today(clock);
        var from = input.From ?? today.AddDays(1);
        if (from < today || from > today.AddDays(60)) errors.Add("from", "须为今天起 60 天内 / must be within 60 days from today");
        if (errors.Any) return new WriteOutcome<ScheduleResult>.Invalid(errors);
        if (!SupplierSide(supplier!.Id, supplier.DivisionCode))
            return new WriteOutcome<ScheduleResult>.Forbidden(new FieldErrors().Add("supplierId", "只能安排本企业的配送 / only your own enterprise's deliveries"));

        var capacity = await db.SupplierCapacities.AsNoTracking().Where(c => c.SupplierId == supplier.Id).Select(c => (int?)c.DailyPackages).FirstOrDefaultAsync(ct)
            ?? O.DefaultDailyCapacity;
        // Every order of the supplier counts against its capacity, whichever committee it is for.
        // unscoped: the supplier's own orders from every committee (compound totals, no household data); SupplierSide checked above
        var all = db.GroupOrders.IgnoreQueryFilters().Where(o => o.SupplierId == supplier.Id);
        var booked = await all.AsNoTracking().Where(o => o.ScheduledDate != null && o.ScheduledDate >= from
                && (o.Status == GroupOrderStatus.Scheduled || o.Status == GroupOrderStatus.Distributing))
            .GroupBy(o => o.ScheduledDate!.Value).Select(g => new { g.Key, Packages = g.Sum(o => o.Packages) }).ToDictionaryAsync(x => x.Key, x => x.Packages, ct);
        var waiting = await all.Where(o => o.Status == GroupOrderStatus.Confirmed).ToListAsync(ct);
        var compoundIds = waiting.Select(o => o.CompoundId).Distinct().ToList();
        // unscoped: compound labels and seal dates are reference data (no personal data)
        var compounds = await db.CommunityQrCodes.IgnoreQueryFilters().AsNoTracking().Where(c => compoundIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var last = await LastDeliveriesAsync(compoundIds, ct);
        var now = Now;
        var plan = DeliveryScheduling.Plan(waiting.Select(o => new ScheduleCandidate(o.Id, o.Packages, compounds[o.CompoundId].SealedSince,
            last.TryGetValue(o.CompoundId, out var at) ? at : null, o.ConfirmedAt ?? o.CreatedAt)), booked, from, O.HorizonDays, capacity, O.Slots.Length, now);
        var byId = waiting.ToDictionary(o => o.Id);
        foreach (var s in plan) byId[s.OrderId].Schedule(s.Day, s.Slot, s.Reason, now);
        if (await SaveAsync(ct) is { } stale) return new WriteOutcome<ScheduleResult>.Conflict(new FieldErrors().Add("supplierId",
            "排程期间订单被修改，请重试 / an order changed while scheduling; run it again"));
        await Audit("schedule", "supplier", supplier.Id, $"{plan.Count} of {waiting.Count} orders from {from:yyyy-MM-dd}, capacity {capacity}", ct);
        var placed = plan.Select(s => s.OrderId).ToHashSet();
        return new WriteOutcome<ScheduleResult>.Done(new ScheduleResult(capacity,
            [.. plan.Select(s => new ScheduleLine(s.OrderId, s.Rank, s.Day, s.Slot, SlotLabel(s.Slot), compounds[byId[s.OrderId].CompoundId].Label,
                byId[s.OrderId].DivisionCode, supplier.Name, byId[s.OrderId].Packages, s.Reason))],
            [.. waiting.Where(o => !placed.Contains(o.Id)).Select(o => o.Id)]));
    }

    // ---- distribution: the committee's side ----

    public async Task<WriteOutcome<OrderView>> DistributeAsync(Guid id, int expected, DistributionInput input, CancellationToken ct)
    {
        var order = await db.GroupOrders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return new WriteOutcome<OrderView>.NotFound();
        if (!CommitteeSide(order)) return new WriteOutcome<OrderView>.Forbidden(new FieldErrors().Add("id", OutsideScope));
        if (order.Version != expected) return new WriteOutcome<OrderView>.Stale(order.Version);
        if (order.Status is not (GroupOrderStatus.Scheduled or GroupOrderStatus.Distributing)) return StatusNotAllowed(order);
        var errors = new FieldErrors();
        var deliveredBy = input.DeliveredBy?.Trim() ?? "";
        if (deliveredBy.Length is 0 or > 100) errors.Add("deliveredBy", "必填，最长 100 字符 / required, at most 100 characters");
        var exception = string.IsNullOrWhiteSpace(input.Exception) ? null : input.Exception.Trim();
        if (exception is { Length: > 200 }) errors.Add("exception", "最长 200 字符 / at most 200 characters");
        var lines = await db.GroupOrderLines.Where(l => l.OrderId == id).ToListAsync(ct);
        List<(GroupOrderLine Line, int Quantity)> handed = [];
        if (input.LineId is { } lineId)
        {
            var line = lines.FirstOrDefault(l => l.Id == lineId);
            if (line is null) errors.Add("lineId", "不是本订单的住户 / not a household of this order");
            else if (input.Quantity is { } q && (q < 0 || q > line.Remaining))
                errors.Add("quantity", $"须为 0–{line.Remaining}（订购 {line.Quantity}，已送 {line.Delivered}）/ must be 0–{line.Remaining} (ordered {line.Quantity}, delivered {line.Delivered})");
            else if (input.Quantity == 0 && exception is null) errors.Add("exception", "送达 0 份时须说明原因 / say why nothing was handed over");
            else if (input.Quantity is null && line.Remaining == 0) errors.Add("lineId", "该住户已全部送达 / this household has everything");
            else handed.Add((line, input.Quantity ?? line.Remaining));
        }
        else if (!string.IsNullOrWhiteSpace(input.Building))
        {
            if (input.Quantity is not null) errors.Add("quantity", "按楼栋登记时送达该楼全部剩余份数，不可指定数量 / a whole building takes what is left; no quantity");
            var building = input.Building.Trim();
            var left = lines.Where(l => l.Building == building && l.Remaining > 0).ToList();
            if (left.Count == 0) errors.Add("building", "该楼栋没有待送的住户 / nothing left to deliver in this building");
            handed.AddRange(left.Select(l => (l, l.Remaining)));
        }
        else errors.Add("lineId", "须指定住户或楼栋 / name a household (lineId) or a building");
        if (errors.Any) return new WriteOutcome<OrderView>.Invalid(errors);

        var now = Now;
        foreach (var (line, quantity) in handed)
        {
            line.Hand(quantity);
            db.GroupOrderDistributions.Add(GroupOrderDistribution.Record(line, quantity, deliveredBy, exception, user.UserName, now));
        }
        order.RecordDistribution(lines.All(l => l.Remaining == 0), now);
        if (await SaveAsync(ct) is { } stale) return new WriteOutcome<OrderView>.Stale(stale);
        await Audit("distribute", "groupOrder", id, $"{handed.Sum(h => h.Quantity)} packages to {handed.Count} households{(exception is null ? "" : " (exception)")}", ct);
        return new WriteOutcome<OrderView>.Done((await ViewAsync(id, ct))!);
    }

    // ---- reads ----

    public async Task<List<OrderView>> ListAsync(string? status, Guid? compoundId, CancellationToken ct)
    {
        var q = db.GroupOrders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status) && Enum.TryParse<GroupOrderStatus>(status, true, out var s)) q = q.Where(o => o.Status == s);
        if (compoundId is { } c) q = q.Where(o => o.CompoundId == c);
        var orders = await q.OrderByDescending(o => o.UpdatedAt).Take(Paging.MaxPageSize).ToListAsync(ct);
        return await ViewsAsync(orders, withChildren: false, ct);
    }

    public async Task<List<OrderView>> ScheduledAsync(DateOnly from, int days, CancellationToken ct)
    {
        var to = from.AddDays(days);
        var orders = await db.GroupOrders.AsNoTracking()
            .Where(o => o.ScheduledDate != null && o.ScheduledDate >= from && o.ScheduledDate < to && o.Status != GroupOrderStatus.Cancelled)
            .OrderBy(o => o.ScheduledDate).ThenBy(o => o.ScheduledSlot).ThenBy(o => o.Id).Take(Paging.MaxPageSize * 10).ToListAsync(ct);
        return await ViewsAsync(orders, withChildren: false, ct);
    }

    public async Task<OrderView?> ViewAsync(Guid id, CancellationToken ct)
    {
        var order = await db.GroupOrders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return order is null ? null : (await ViewsAsync([order], withChildren: true, ct))[0];
    }

    private async Task<List<OrderView>> ViewsAsync(List<GroupOrder> orders, bool withChildren, CancellationToken ct)
    {
        // Compounds and suppliers of orders the caller may see: a supplier sees the compound's label
        // on an order addressed to it, nothing else of the committee.
        var compoundIds = orders.Select(o => o.CompoundId).Distinct().ToList();
        // unscoped: compound labels and seal dates are reference data (no personal data)
        var compounds = await db.CommunityQrCodes.IgnoreQueryFilters().AsNoTracking().Where(c => compoundIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var names = await SupplierNamesAsync(orders.Select(o => o.SupplierId), ct);
        var ids = orders.Select(o => o.Id).ToList();
        var lines = await db.GroupOrderLines.AsNoTracking().Where(l => ids.Contains(l.OrderId)).ToListAsync(ct);
        var packageIds = lines.Select(l => l.PackageId).Distinct().ToList();
        var packageNames = await db.SupplyPackages.AsNoTracking().Where(p => packageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var distributions = withChildren
            ? await db.GroupOrderDistributions.AsNoTracking().Where(d => ids.Contains(d.OrderId)).OrderByDescending(d => d.At).ToListAsync(ct)
            : [];
        var byOrder = lines.ToLookup(l => l.OrderId);
        return [.. orders.Select(o =>
        {
            var mine = byOrder[o.Id].OrderBy(l => l.Building, StringComparer.Ordinal).ThenBy(l => l.Room, StringComparer.Ordinal).ToList();
            var lineViews = mine.Select(l => new LineView(l.Id, l.PackageId, packageNames.GetValueOrDefault(l.PackageId, "?"), l.Building, l.Room, l.Quantity,
                l.UnitPrice, l.ReferencePrice, SupplyPackage.AboveReference(l.UnitPrice, l.ReferencePrice, O.PriceMargin), l.Delivered, l.Remaining)).ToList();
            var compound = compounds.GetValueOrDefault(o.CompoundId);
            return new OrderView(o.Id, o.DivisionCode, o.CompoundId, compound?.Label ?? "?", compound?.SealedSince is not null, o.SupplierId,
                names.GetValueOrDefault(o.SupplierId, "?"), o.Organizer, o.Status.ToString(), o.Packages, mine.Sum(l => l.Delivered), o.Amount,
                mine.Sum(l => l.Quantity * l.ReferencePrice), lineViews.Any(l => l.AboveReference), o.CreatedAt, o.SubmittedAt, o.ConfirmedAt,
                o.DeclineReason, o.ScheduledDate, o.ScheduledSlot, o.ScheduledSlot is { } slot ? SlotLabel(slot) : null, o.ScheduleReason,
                o.FirstDistributedAt, o.CompletedAt, o.Version, withChildren ? lineViews : [],
                [.. distributions.Where(d => d.OrderId == o.Id).Select(d => new DistributionView(d.Id, d.LineId, d.Building, d.Room, d.Quantity, d.DeliveredBy, d.Exception, d.At))]);
        })];
    }

    public string SlotLabel(int slot) => slot >= 0 && slot < O.Slots.Length ? O.Slots[slot] : $"#{slot + 1}";

    // ---- helpers ----

    // The committee's side: a worker whose divisions hold the compound.
    private bool CommitteeSide(GroupOrder o) => user.Has(Permission.ManageCommunity) && user.Jurisdiction.CoversDivision(o.DivisionCode);

    // The supplier's side: its own account, or a supplies task force whose divisions hold the supplier.
    private bool SupplierSide(Guid supplierId, string supplierDivision) => user.Has(Permission.SupplyGroupOrders)
        && (user.Jurisdiction.FacilityId == supplierId || user.Jurisdiction.CoversDivision(supplierDivision));

    private async Task<(Guid Id, string Name, string DivisionCode)?> SupplierRowAsync(Guid id, CancellationToken ct) =>
        // unscoped: suppliers are registered enterprises, public reference data
        await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => f.Id == id && f.Kind == FacilityKind.Enterprise)
            .Select(f => new { f.Id, f.Name, f.DivisionCode }).FirstOrDefaultAsync(ct) is { } f ? (f.Id, f.Name, f.DivisionCode) : null;

    private async Task<Supplier?> SupplierAsync(Guid? id, FieldErrors errors, CancellationToken ct)
    {
        if (id is not { } supplierId)
        {
            errors.Add("supplierId", "必填 / required");
            return null;
        }
        if (await SupplierRowAsync(supplierId, ct) is not { } row)
        {
            errors.Add("supplierId", "须为已登记的企业 / must be a registered enterprise");
            return null;
        }
        return new Supplier(row.Id, row.Name, row.DivisionCode);
    }

    private sealed record Supplier(Guid Id, string Name, string DivisionCode);

    private async Task<Dictionary<Guid, string>> SupplierNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        // unscoped: suppliers are registered enterprises, public reference data
        return await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => list.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
    }

    private PackageView View(SupplyPackage p, Dictionary<Guid, string> names) => new(p.Id, p.SupplierId, names.GetValueOrDefault(p.SupplierId, "?"), p.Code,
        p.Name, p.Kind.ToString(), p.Price, p.ReferencePrice, SupplyPackage.MarkupPercent(p.Price, p.ReferencePrice),
        SupplyPackage.AboveReference(p.Price, p.ReferencePrice, O.PriceMargin), p.Items, p.Active, p.Version);

    private async Task<WriteOutcome<OrderView>> ChangeAsync(Guid id, int expected, string step, Func<GroupOrder, bool> side, Func<GroupOrder, bool> allowed,
        Func<GroupOrder, FieldErrors?> rule, Action<GroupOrder> change, CancellationToken ct)
    {
        var order = await db.GroupOrders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return new WriteOutcome<OrderView>.NotFound();
        if (!side(order)) return new WriteOutcome<OrderView>.Forbidden(new FieldErrors().Add("id", OutsideScope));
        if (order.Version != expected) return new WriteOutcome<OrderView>.Stale(order.Version);
        if (!allowed(order)) return StatusNotAllowed(order);
        if (rule(order) is { } broken) return new WriteOutcome<OrderView>.Invalid(broken);
        change(order);
        if (await SaveAsync(ct) is { } stale) return new WriteOutcome<OrderView>.Stale(stale);
        await Audit(step, "groupOrder", id, order.Status.ToString(), ct);
        return new WriteOutcome<OrderView>.Done((await ViewAsync(id, ct))!);
    }

    // Null when saved; the current version of the first stale row otherwise.
    private async Task<int?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException e)
        {
            var values = await e.Entries[0].GetDatabaseValuesAsync(ct);
            return values?.GetValue<int>("Version") ?? -1;
        }
    }

    private static WriteOutcome<OrderView> StatusNotAllowed(GroupOrder o) =>
        Invalid("status", $"当前状态 {o.Status} 不能执行此操作 / not allowed while {o.Status}");

    private static WriteOutcome<OrderView> Invalid(string field, string message) => new WriteOutcome<OrderView>.Invalid(new FieldErrors().Add(field, message));

    private Task Audit(string action, string type, Guid id, string detail, CancellationToken ct) =>
        audit.AppendAsync(user.Actor, new AuditEvent("community.grouporder." + action, AuditOutcome.Success, type, id.ToString(), detail), ct);
}

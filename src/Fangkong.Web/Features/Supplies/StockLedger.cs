using System.Globalization;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Supplies;

// A movement as a caller asks for it (API body, form, import row). Quantity is always positive; the
// reason says whether it adds or takes. Lot empty = the node does not track lots (stored as "").
public sealed record MovementInput(Guid? FacilityId, Guid? ProductId, string? ProductCode, string? Reason, long? Quantity,
    string? Lot, DateOnly? Expiry, string? Note);

public sealed record MovementLine(Guid Id, string Lot, DateOnly? Expiry, long Change, long BalanceAfter);

public sealed record MovementResult(Guid FacilityId, Guid ProductId, string Reason, long Quantity, long OnHand, IReadOnlyList<MovementLine> Lines);

// The only writer of stock. Every change is a StockMovement plus the matching change to StockLot,
// in one transaction. Takes lock the node's lots of the product first (a no-op UPDATE: a row lock on
// PostgreSQL, the write lock on SQLite), then spend first-expiring lots through guarded updates, so
// two concurrent issues can never both spend the same units and on-hand never goes negative.
public sealed class StockLedger(FangkongDb db, CurrentUser user, TimeProvider clock)
{
    public static readonly FacilityKind[] StockNodeKinds =
    [
        FacilityKind.DesignatedHospital, FacilityKind.GeneralHospital, FacilityKind.ShelterHospital, FacilityKind.FeverClinic,
        FacilityKind.CommunityHealthCentre, FacilityKind.Pharmacy, FacilityKind.DrugWarehouse, FacilityKind.Manufacturer,
    ];

    public const int MaxQuantity = 100_000_000;

    // A manual movement (receipt from outside, production, dispensing, write-offs, count adjustments).
    public async Task<WriteOutcome<MovementResult>> RecordAsync(MovementInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        MovementReason reason = default;
        if (string.IsNullOrWhiteSpace(input.Reason) || !Enum.TryParse(input.Reason.Trim(), ignoreCase: true, out reason)
            || !Enum.IsDefined(reason) || int.TryParse(input.Reason, out _))
            errors.Add("reason", $"须为 {string.Join(", ", MovementReasons.Manual.Select(r => r.ToString().ToLowerInvariant()))} 之一 / unknown reason");
        else if (!MovementReasons.Manual.Contains(reason))
            errors.Add("reason", "调拨出入库只能通过配送单 / transfers move only through delivery orders");
        CheckQuantity(input.Quantity, errors);
        var lot = (input.Lot ?? "").Trim();
        if (lot.Length > 40) errors.Add("lot", "批号最长 40 字符 / lot is at most 40 characters");
        if (input.Note is { Length: > 500 }) errors.Add("note", "备注最长 500 字符 / note is at most 500 characters");
        var (facility, product, refused) = await ResolveAsync(input.FacilityId, input.ProductId, input.ProductCode, errors, ct);
        if (refused is not null) return refused;
        if (errors.Any) return new WriteOutcome<MovementResult>.Invalid(errors);
        if (reason == MovementReason.Produced && facility!.Kind != FacilityKind.Manufacturer)
            return Invalid("reason", "只有生产企业可登记产量 / only a manufacturer records production");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = MovementReasons.Adds(reason)
            ? await AddAsync(facility!, product!.Id, lot, input.Expiry, input.Quantity!.Value, reason, null, null, input.Note, ct)
            : await TakeAsync(facility!, product!.Id, lot.Length > 0 ? lot : null, input.Quantity!.Value, reason, null, null, input.Note, ct);
        if (outcome is WriteOutcome<MovementResult>.Done) await tx.CommitAsync(ct);
        return outcome;
    }

    public static void CheckQuantity(long? quantity, FieldErrors errors, string field = "quantity")
    {
        if (quantity is null) errors.Add(field, "必填 / required");
        else if (quantity <= 0) errors.Add(field, "须为正整数 / must be a positive whole number");
        else if (quantity > MaxQuantity) errors.Add(field, $"不能超过 {MaxQuantity:N0} / at most {MaxQuantity:N0}");
    }

    // Adds units to a lot inside the caller's transaction. One upsert statement on both databases.
    internal async Task<WriteOutcome<MovementResult>> AddAsync(Facility facility, Guid productId, string lot, DateOnly? expiry, long quantity,
        MovementReason reason, Guid? orderId, Guid? counterparty, string? note, CancellationToken ct)
    {
        var onHand = await db.Database.SqlQuery<long>($"""
            INSERT INTO "StockLots" ("DistrictCode", "FacilityId", "ProductId", "Lot", "DivisionCode", "Expiry", "OnHand")
            VALUES ({facility.DistrictCode}, {facility.Id}, {productId}, {lot}, {facility.DivisionCode}, {expiry}, {quantity})
            ON CONFLICT ("DistrictCode", "FacilityId", "ProductId", "Lot")
            DO UPDATE SET "OnHand" = "StockLots"."OnHand" + excluded."OnHand"
            RETURNING "OnHand" AS "Value"
            """).ToListAsync(ct);
        var movement = Movement(facility, productId, lot, expiry, quantity, reason, orderId, counterparty, note, onHand[0]);
        db.StockMovements.Add(movement);
        await db.SaveChangesAsync(ct);
        return await DoneAsync(facility, productId, reason, quantity, [movement], ct);
    }

    // Takes units inside the caller's transaction: from the named lot, or first-expiring lots first
    // (write-offs for expiry take expired lots; everything else skips them).
    internal async Task<WriteOutcome<MovementResult>> TakeAsync(Facility facility, Guid productId, string? lot, long quantity,
        MovementReason reason, Guid? orderId, Guid? counterparty, string? note, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "StockLots" SET "OnHand" = "OnHand"
            WHERE "DistrictCode" = {facility.DistrictCode} AND "FacilityId" = {facility.Id} AND "ProductId" = {productId}
            """, ct);
        var today = ChinaTime.Today(clock);
        // unscoped: stock is not personal data; the ledger reads the lots/movements of the one node this write was already checked for (or the order's source)
        var lots = await db.StockLots.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.DistrictCode == facility.DistrictCode && l.FacilityId == facility.Id && l.ProductId == productId && l.OnHand > 0)
            .ToListAsync(ct);
        var usable = lot is not null
            ? lots.Where(l => l.Lot == lot).ToList()
            : lots.Where(l => reason == MovementReason.Expired ? l.Expiry < today : l.Expiry is null || l.Expiry >= today)
                .OrderBy(l => l.Expiry ?? DateOnly.MaxValue).ThenBy(l => l.Lot, StringComparer.Ordinal).ToList();
        var available = usable.Sum(l => l.OnHand);
        if (available < quantity)
        {
            var what = lot is not null ? string.Format(CultureInfo.InvariantCulture, "批号 {0} 库存 {1} / lot {0} has {1} on hand", lot, available)
                : reason == MovementReason.Expired ? $"过期库存 {available} / {available} expired on hand"
                : $"可用库存 {available} / {available} usable on hand";
            return Invalid("quantity", $"超过库存：{what}，不能出库 {quantity} / exceeds stock, cannot take {quantity}");
        }

        var movements = new List<StockMovement>();
        var remaining = quantity;
        foreach (var source in usable)
        {
            if (remaining == 0) break;
            var take = Math.Min(remaining, source.OnHand);
            var after = await db.Database.SqlQuery<long>($"""
                UPDATE "StockLots" SET "OnHand" = "OnHand" - {take}
                WHERE "DistrictCode" = {facility.DistrictCode} AND "FacilityId" = {facility.Id} AND "ProductId" = {productId}
                  AND "Lot" = {source.Lot} AND "OnHand" >= {take}
                RETURNING "OnHand" AS "Value"
                """).ToListAsync(ct);
            // Cannot happen while the lock above is held; if it ever does, nothing is half-written.
            if (after.Count == 0) throw new DbUpdateConcurrencyException($"Lot {source.Lot} changed under the stock lock.");
            movements.Add(Movement(facility, productId, source.Lot, source.Expiry, -take, reason, orderId, counterparty, note, after[0]));
            remaining -= take;
        }
        db.StockMovements.AddRange(movements);
        await db.SaveChangesAsync(ct);
        return await DoneAsync(facility, productId, reason, quantity, movements, ct);
    }

    public async Task<(Facility? Facility, Product? Product, WriteOutcome<MovementResult>? Refused)> ResolveAsync(
        Guid? facilityId, Guid? productId, string? productCode, FieldErrors errors, CancellationToken ct)
    {
        Facility? facility = null;
        if (facilityId is null) errors.Add("facilityId", "必填 / required");
        else
        {
            // unscoped: facilities are reference data (names and divisions of the facilities an order, plan or report names)
            facility = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Id == facilityId, ct);
            if (facility is null) errors.Add("facilityId", "机构不存在 / unknown facility");
            else if (!user.Jurisdiction.CoversFacility(facility.Id, facility.DivisionCode))
                return (null, null, new WriteOutcome<MovementResult>.Forbidden(new FieldErrors().Add("facilityId", "机构不在管辖范围内 / facility outside your jurisdiction")));
            else if (!StockNodeKinds.Contains(facility.Kind))
                errors.Add("facilityId", "该类机构不管理药品物资库存 / this kind of facility keeps no stock");
        }
        var product = await FindProductAsync(productId, productCode, errors, ct);
        return (facility, product, null);
    }

    public async Task<Product?> FindProductAsync(Guid? productId, string? productCode, FieldErrors errors, CancellationToken ct, string field = "productId")
    {
        Product? product = null;
        if (productId is { } id) product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        else if (!string.IsNullOrWhiteSpace(productCode))
        {
            var code = productCode.Trim();
            product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        }
        else
        {
            errors.Add(field, "必填 / required");
            return null;
        }
        if (product is null) errors.Add(field, "品种不存在 / unknown product");
        return product;
    }

    private StockMovement Movement(Facility facility, Guid productId, string lot, DateOnly? expiry, long change, MovementReason reason,
        Guid? orderId, Guid? counterparty, string? note, long balanceAfter) =>
        StockMovement.Record(Guid.CreateVersion7(), facility.Id, facility.DivisionCode, facility.DistrictCode, productId, lot, expiry, change,
            reason, orderId, counterparty, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), user.UserName, clock.GetUtcNow().UtcDateTime, balanceAfter);

    private async Task<WriteOutcome<MovementResult>> DoneAsync(Facility facility, Guid productId, MovementReason reason, long quantity,
        List<StockMovement> movements, CancellationToken ct)
    {
        // unscoped: stock is not personal data; the ledger reads the lots/movements of the one node this write was already checked for (or the order's source)
        var onHand = await db.StockLots.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.DistrictCode == facility.DistrictCode && l.FacilityId == facility.Id && l.ProductId == productId).SumAsync(l => l.OnHand, ct);
        return new WriteOutcome<MovementResult>.Done(new MovementResult(facility.Id, productId, reason.ToString().ToLowerInvariant(), quantity, onHand,
            movements.Select(m => new MovementLine(m.Id, m.Lot, m.Expiry, m.Change, m.BalanceAfter)).ToList()));
    }

    private static WriteOutcome<MovementResult> Invalid(string field, string message) =>
        new WriteOutcome<MovementResult>.Invalid(new FieldErrors().Add(field, message));
}

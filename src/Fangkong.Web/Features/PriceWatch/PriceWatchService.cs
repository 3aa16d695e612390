using System.Globalization;
using System.Text.Json;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.People;
using Fangkong.Web.Features.Supplies;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.PriceWatch;

public sealed record FlagFilter(WatchFlagKind? Kind = null, WatchFlagStatus? Status = null)
{
    // From query-string text: pages send empty values for "all".
    public static (FlagFilter? Filter, FieldErrors? Errors) FromQuery(string? kind, string? status)
    {
        var errors = new FieldErrors();
        WatchFlagKind? k = null;
        WatchFlagStatus? s = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (int.TryParse(kind, out _) || !Enum.TryParse<WatchFlagKind>(kind.Trim(), true, out var parsed)) errors.Add("kind", "须为 price, hoarding, salesJump 之一 / unknown kind");
            else k = parsed;
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (int.TryParse(status, out _) || !Enum.TryParse<WatchFlagStatus>(status.Trim(), true, out var parsed)) errors.Add("status", "须为 open 或 closed / must be open or closed");
            else s = parsed;
        }
        return errors.Any ? (null, errors) : (new FlagFilter(k, s), null);
    }
}

public sealed record CloseFlagInput(string? Outcome, string? Note);

public sealed record WatchFlagDto(Guid Id, string Kind, string Status, Guid FacilityId, string FacilityName, string DivisionCode,
    Guid ProductId, string ProductCode, Guid SaleId, JsonElement Evidence, DateTime RaisedAt, string? Outcome, string? Note,
    string? ClosedBy, DateTime? ClosedAt, int Version)
{
    public static WatchFlagDto From(WatchFlag f) => new(f.Id, f.Kind.ToString(), f.Status.ToString(), f.FacilityId, f.FacilityName,
        f.DivisionCode, f.ProductId, f.ProductCode, f.SaleId, Json(f.Evidence), f.RaisedAt,
        f.Outcome?.ToString(), f.Note, f.ClosedBy, f.ClosedAt, f.Version);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

// Evidence, stored as JSON on the flag: what the rule saw, so a reviewer needs no other screen.
public sealed record PriceEvidence(string ProductCode, long Quantity, decimal UnitPrice, decimal ReferencePrice, decimal Margin,
    decimal Limit, decimal ExcessPercent, DateTime SoldAt);
public sealed record HoardingPharmacy(Guid FacilityId, string Name, string DivisionCode, int Sales, long Units, decimal Courses);
public sealed record HoardingEvidence(string Buyer, string ProductCode, int WindowDays, DateTime From, DateTime To, decimal Courses,
    decimal MaxCourses, IReadOnlyList<HoardingPharmacy> Pharmacies);
public sealed record JumpEvidence(string ProductCode, DateOnly Day, long DayUnits, decimal TrailingMean, long TrailingUnits,
    int HistoryDays, decimal Factor, long MinimumUnits);

// Pharmacy sales and the flags they raise. Sales are stored first (what got a success answer is
// kept); the rules then run right after over the database's view of all pharmacies, so hoarding is
// seen across pharmacies and districts even though the reporting pharmacy sees only itself.
public sealed class PriceWatchService(
    FangkongDb db,
    CurrentUser user,
    AuditLog audit,
    BuyerHasher hasher,
    ReferenceData reference,
    IOptions<PriceWatchOptions> options,
    TimeProvider clock,
    ILogger<PriceWatchService> logger,
    DbContextOptions<FangkongDb> dbOptions)
{
    internal static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    private PriceWatchOptions O => options.Value;

    public bool ReportingEnabled => hasher.Enabled;

    public async Task<WriteOutcome<SalesAccepted>> ReportAsync(SalesReport report, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (report.Sales.Count == 0) return Invalid(errors.Add("sales", "至少一条销售记录 / at least one sale"));
        if (report.Sales.Count > O.MaxBatch) return Invalid(errors.Add("sales", $"每批最多 {O.MaxBatch} 条 / at most {O.MaxBatch} sales per batch"));

        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var facilityIds = report.Sales.Select(s => s.FacilityId ?? user.Jurisdiction.FacilityId).OfType<Guid>().Distinct().ToList();
        // unscoped: facilities are reference data; each sale's pharmacy is then checked against the caller's scope below
        var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => facilityIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        var productIds = report.Sales.Select(s => s.ProductId).OfType<Guid>().Distinct().ToList();
        var productCodes = report.Sales.Where(s => s.ProductId is null).Select(s => s.ProductCode?.Trim()).OfType<string>().Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id) || productCodes.Contains(p.Code)).ToListAsync(ct);

        var forbidden = new FieldErrors();
        var sales = new List<PharmacySale>();
        for (var i = 0; i < report.Sales.Count; i++)
        {
            var input = report.Sales[i];
            var at = report.IsBatch ? $"sales[{i}]." : "";

            Facility? facility = null;
            var facilityId = input.FacilityId ?? user.Jurisdiction.FacilityId;
            if (facilityId is null) errors.Add(at + "facilityId", "必填 / required");
            else if (!facilities.TryGetValue(facilityId.Value, out facility)) errors.Add(at + "facilityId", "机构不存在 / unknown facility");
            else if (!user.Jurisdiction.CoversFacility(facility.Id, facility.DivisionCode))
                forbidden.Add(at + "facilityId", "只能为本管辖范围内的药店上报 / you may report only for a pharmacy in your own scope");
            else if (facility.Kind != FacilityKind.Pharmacy) errors.Add(at + "facilityId", "该机构不是药店 / the facility is not a pharmacy");

            Product? product = null;
            if (input.ProductId is { } pid)
            {
                product = products.FirstOrDefault(p => p.Id == pid);
                if (product is null) errors.Add(at + "productId", "品种不存在 / unknown product");
            }
            else if (!string.IsNullOrWhiteSpace(input.ProductCode))
            {
                product = products.FirstOrDefault(p => p.Code == input.ProductCode.Trim());
                if (product is null) errors.Add(at + "productCode", "品种编码不存在 / unknown product code");
            }
            else errors.Add(at + "productId", "须给出 productId 或 productCode / productId or productCode is required");

            if (input.Quantity is null) errors.Add(at + "quantity", "必填 / required");
            else if (input.Quantity <= 0) errors.Add(at + "quantity", "须为正整数 / must be a positive whole number");
            else if (input.Quantity > 100_000) errors.Add(at + "quantity", "单笔不能超过 100000 / at most 100000 per sale");

            if (input.UnitPrice is null) errors.Add(at + "unitPrice", "必填 / required");
            else if (input.UnitPrice < 0) errors.Add(at + "unitPrice", "不能为负 / must be zero or more");
            else if (input.UnitPrice > 1_000_000) errors.Add(at + "unitPrice", "不能超过 1000000 / at most 1000000");
            else if (decimal.Round(input.UnitPrice.Value, 2) != input.UnitPrice) errors.Add(at + "unitPrice", "最多两位小数 / at most 2 decimals");

            // The number is validated and hashed here and goes no further: not stored, not logged, not echoed.
            var id = ResidentIdNumber.Check(input.BuyerIdNumber, reference.Regions.IsKnown, today);
            if (id.Problem is { } problem) errors.Add(at + "buyerIdNumber", PersonInput.Describe(problem));

            var soldAt = input.SoldAt is { } s ? (s.Kind == DateTimeKind.Unspecified ? ChinaTime.ToUtc(s) : s.ToUniversalTime()) : now;
            if (soldAt > now.AddMinutes(5)) errors.Add(at + "soldAt", "不能晚于当前时间 / cannot be in the future");
            else if (soldAt < now.AddDays(-O.MaxBackdateDays)) errors.Add(at + "soldAt", $"最多补报 {O.MaxBackdateDays} 天内的销售 / at most {O.MaxBackdateDays} days back");

            if (facility is null || product is null || id.Value is null || errors.Any || forbidden.Any) continue;
            sales.Add(PharmacySale.Record(Guid.CreateVersion7(), facility.Id, facility.DivisionCode, facility.DistrictCode, product.Id,
                input.Quantity!.Value, input.UnitPrice!.Value, hasher.Hash(id.Value.Number), soldAt,
                DateOnly.FromDateTime(ChinaTime.FromUtc(soldAt)), user.UserName, now));
        }

        if (forbidden.Any)
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("pricewatch.sales", AuditOutcome.Denied, "facility",
                string.Join(",", facilityIds.Take(5)), "outside jurisdiction"), ct);
            return new WriteOutcome<SalesAccepted>.Forbidden(forbidden);
        }
        if (errors.Any) return Invalid(errors);

        db.PharmacySales.AddRange(sales);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await audit.AppendAsync(user.Actor, new AuditEvent("pricewatch.sales", AuditOutcome.Success, "facility",
            string.Join(",", sales.Select(s => s.FacilityId).Distinct().Take(5)), $"{sales.Count} sales"), ct);

        var byId = products.ToDictionary(p => p.Id);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var flags = await DetectAsync(sales, byId, now, ct);
                if (flags.Count > 0)
                {
                    db.WatchFlags.AddRange(flags);
                    await db.SaveChangesAsync(ct);
                    logger.LogInformation("Price watch raised {Count} flags ({Kinds}).", flags.Count, string.Join(", ", flags.Select(f => f.Kind)));
                }
                break;
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // A concurrent report raised the same finding first: its flag is now visible, so run again.
                db.ChangeTracker.Clear();
                logger.LogWarning(ex, "Price watch flag raced with another report; detecting again (attempt {Attempt}).", attempt);
            }
        }
        return new WriteOutcome<SalesAccepted>.Done(new SalesAccepted(sales.Count, sales.Select(s => s.Id).ToList()));
    }

    // The three rules over the stored sales. A pharmacy sees only itself, but the hoarding rule must see
    // the buyer (a keyed hash) everywhere and a finding must not be raised twice: those reads go through a
    // context of the system's scope — a rule run by the platform, whose results go to the reviewers of
    // the finding's district, never back to the reporting pharmacy — not switching the scope filter off on the caller's.
    private async Task<List<WatchFlag>> DetectAsync(List<PharmacySale> sales, Dictionary<Guid, Product> products, DateTime now, CancellationToken ct)
    {
        // system scope: hoarding across pharmacies and finding de-duplication (see above)
        await using var rules = new FangkongDb(dbOptions, JurisdictionContext.ForSystem());
        var candidates = new List<(WatchFlag Flag, string Key)>();
        var names = new Dictionary<Guid, string>();

        foreach (var sale in sales)
        {
            var product = products[sale.ProductId];
            if (!PriceWatchRules.PriceAboveReferenceBeyondMargin(sale.UnitPrice, product.ReferencePrice, O.PriceMargin, out var limit)) continue;
            var reference = product.ReferencePrice!.Value;
            var excess = reference == 0 ? 0 : decimal.Round((sale.UnitPrice - reference) / reference * 100, 1);
            var evidence = new PriceEvidence(product.Code, sale.Quantity, sale.UnitPrice, reference, O.PriceMargin, limit, excess, sale.SoldAt);
            candidates.Add(await FlagAsync(WatchFlagKind.Price, $"price:{sale.Id:N}", sale, product, null, evidence));
        }

        foreach (var group in sales.GroupBy(s => (s.BuyerHash, s.ProductId)))
        {
            var product = products[group.Key.ProductId];
            var trigger = group.MaxBy(s => s.SoldAt)!;
            var to = trigger.SoldAt;
            var from = to.AddDays(-O.HoardingWindowDays);
            var window = await rules.PharmacySales.AsNoTracking()
                .Where(s => s.BuyerHash == group.Key.BuyerHash && s.ProductId == group.Key.ProductId && s.SoldAt > from && s.SoldAt <= to)
                .Select(s => new { s.FacilityId, s.DivisionCode, s.Quantity }).ToListAsync(ct);
            var courses = PriceWatchRules.Courses(window.Sum(s => s.Quantity), product.UnitsPerCourse);
            if (!PriceWatchRules.BuyerTakesMoreCoursesThanAllowed(courses, O.HoardingMaxCourses)) continue;
            // One open finding per buyer and product per window, however many sales keep it above the limit.
            var since = now.AddDays(-O.HoardingWindowDays);
            if (await rules.WatchFlags.AnyAsync(f => f.Kind == WatchFlagKind.Hoarding && f.BuyerHash == group.Key.BuyerHash
                    && f.ProductId == group.Key.ProductId && f.RaisedAt > since, ct)) continue;
            await NamesAsync(window.Select(w => w.FacilityId));
            var pharmacies = window.GroupBy(w => (w.FacilityId, w.DivisionCode))
                .Select(g => new HoardingPharmacy(g.Key.FacilityId, names.GetValueOrDefault(g.Key.FacilityId, ""), g.Key.DivisionCode, g.Count(),
                    g.Sum(x => x.Quantity), PriceWatchRules.Courses(g.Sum(x => x.Quantity), product.UnitsPerCourse)))
                .OrderByDescending(p => p.Units).ToList();
            var evidence = new HoardingEvidence(BuyerHasher.Prefix(group.Key.BuyerHash), product.Code, O.HoardingWindowDays, from, to, courses,
                O.HoardingMaxCourses, pharmacies);
            candidates.Add(await FlagAsync(WatchFlagKind.Hoarding, $"hoarding:{group.Key.BuyerHash}:{product.Id:N}:{trigger.SaleDay:yyyy-MM-dd}",
                trigger, product, group.Key.BuyerHash, evidence));
        }

        foreach (var group in sales.GroupBy(s => (s.FacilityId, s.ProductId, s.SaleDay)))
        {
            var (facilityId, productId, day) = group.Key;
            var product = products[productId];
            var first = day.AddDays(-O.JumpHistoryDays);
            // The reporting pharmacy's own history: in the caller's scope (its coverage was checked on report).
            var units = await db.PharmacySales.AsNoTracking()
                .Where(s => s.FacilityId == facilityId && s.ProductId == productId && s.SaleDay >= first && s.SaleDay <= day)
                .Select(s => new { s.SaleDay, s.Quantity }).ToListAsync(ct);
            var dayUnits = units.Where(u => u.SaleDay == day).Sum(u => u.Quantity);
            var trailing = units.Where(u => u.SaleDay < day).Sum(u => u.Quantity);
            if (!PriceWatchRules.DaySalesJumpAgainstHistory(dayUnits, trailing, O.JumpHistoryDays, O.JumpFactor, O.JumpMinimumUnits)) continue;
            var evidence = new JumpEvidence(product.Code, day, dayUnits, PriceWatchRules.TrailingDailyMean(trailing, O.JumpHistoryDays), trailing,
                O.JumpHistoryDays, O.JumpFactor, O.JumpMinimumUnits);
            candidates.Add(await FlagAsync(WatchFlagKind.SalesJump, $"jump:{facilityId:N}:{productId:N}:{day:yyyy-MM-dd}",
                group.MaxBy(s => s.SoldAt)!, product, null, evidence));
        }

        if (candidates.Count == 0) return [];
        var keys = candidates.Select(c => c.Key).ToList();
        var existing = (await rules.WatchFlags.AsNoTracking().Where(f => keys.Contains(f.DedupKey))
            .Select(f => f.DistrictCode + "|" + f.DedupKey).ToListAsync(ct)).ToHashSet();
        return candidates.Where(c => !existing.Contains(c.Flag.DistrictCode + "|" + c.Key)).Select(c => c.Flag).ToList();

        async Task NamesAsync(IEnumerable<Guid> ids)
        {
            var missing = ids.Where(id => !names.ContainsKey(id)).Distinct().ToList();
            if (missing.Count == 0) return;
            // unscoped: facilities are reference data; the names of the pharmacies a finding names
            foreach (var f in await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => missing.Contains(f.Id))
                         .Select(f => new { f.Id, f.Name }).ToListAsync(ct))
                names[f.Id] = f.Name;
        }

        async Task<(WatchFlag, string)> FlagAsync<TEvidence>(WatchFlagKind kind, string key, PharmacySale sale, Product product, string? buyerHash, TEvidence evidence)
        {
            await NamesAsync([sale.FacilityId]);
            var flag = WatchFlag.Raise(Guid.CreateVersion7(), kind, key, sale.FacilityId, names.GetValueOrDefault(sale.FacilityId, ""), sale.DivisionCode,
                sale.DistrictCode, product.Id, product.Code, sale.Id, buyerHash, JsonSerializer.Serialize(evidence, EvidenceJson), now);
            return (flag, key);
        }
    }

    public IQueryable<WatchFlag> Query(FlagFilter filter)
    {
        var q = db.WatchFlags.AsNoTracking();
        if (filter.Kind is { } kind) q = q.Where(f => f.Kind == kind);
        if (filter.Status is { } status) q = q.Where(f => f.Status == status);
        return q;
    }

    // Open flags first, newest first within each status.
    public async Task<Page<WatchFlagDto>> ListAsync(FlagFilter filter, Paging paging, CancellationToken ct)
    {
        var q = Query(filter);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(f => f.Status == WatchFlagStatus.Open ? 0 : 1).ThenByDescending(f => f.RaisedAt).ThenBy(f => f.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<WatchFlagDto>(items.Select(WatchFlagDto.From).ToList(), paging.Page, paging.PageSize, total);
    }

    // Out of scope and missing look the same (404); the audit trail tells them apart.
    public async Task<WatchFlag?> FindAsync(Guid id, CancellationToken ct)
    {
        var flag = await db.WatchFlags.FirstOrDefaultAsync(f => f.Id == id, ct);
        // No unscoped probe for whether it exists elsewhere: every miss is audited the same way.
        if (flag is null)
            await audit.AppendAsync(user.Actor, new AuditEvent("pricewatch.flag.read", AuditOutcome.Denied, "watchFlag", id.ToString(), "not found or outside jurisdiction"), ct);
        return flag;
    }

    public async Task<WriteOutcome<WatchFlag>> CloseAsync(Guid id, int expectedVersion, CloseFlagInput input, CancellationToken ct)
    {
        var flag = await FindAsync(id, ct);
        if (flag is null) return new WriteOutcome<WatchFlag>.NotFound();
        if (flag.Version != expectedVersion) return new WriteOutcome<WatchFlag>.Stale(flag.Version);
        var errors = new FieldErrors();
        WatchOutcome outcome = default;
        if (string.IsNullOrWhiteSpace(input.Outcome) || int.TryParse(input.Outcome, out _)
            || !Enum.TryParse(input.Outcome.Trim(), true, out outcome) || !Enum.IsDefined(outcome))
            errors.Add("outcome", "须为 confirmed（移送市场监管）或 dismissed（排除）/ must be confirmed or dismissed");
        var note = input.Note?.Trim() ?? "";
        if (note.Length == 0) errors.Add("note", "必填 / required");
        else if (note.Length > 1000) errors.Add("note", "最长 1000 字符 / at most 1000 characters");
        if (!flag.IsOpen) errors.Add("status", "该线索已办结 / the flag is already closed");
        if (errors.Any) return new WriteOutcome<WatchFlag>.Invalid(errors);

        flag.Close(outcome, note, user.UserName, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.WatchFlags.AsNoTracking().Where(f => f.Id == id).Select(f => (int?)f.Version).FirstOrDefaultAsync(ct);
            return current is null ? new WriteOutcome<WatchFlag>.NotFound() : new WriteOutcome<WatchFlag>.Stale(current.Value);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("pricewatch.flag.close", AuditOutcome.Success, "watchFlag", id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{flag.Kind} {outcome}")), ct);
        return new WriteOutcome<WatchFlag>.Done(flag);
    }

    private static WriteOutcome<SalesAccepted> Invalid(FieldErrors errors) => new WriteOutcome<SalesAccepted>.Invalid(errors);
}

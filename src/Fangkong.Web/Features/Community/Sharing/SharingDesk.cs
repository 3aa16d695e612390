using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Community.Sharing;

public sealed record OfferInput(string? DivisionCode, string? ProductCode, string? ProductName, int? Quantity, DateOnly? Expiry, string? Donor);

public sealed record AskInput(string? DivisionCode, string? ProductCode, string? ProductName, int? Quantity, bool? Urgent, bool? KeyPopulation, string? Requester);

public sealed record OfferView(Guid Id, string DivisionCode, Guid? ProductId, string ProductName, int Quantity, int Remaining, DateOnly Expiry,
    string Donor, string Status, bool Expired, DateTime CreatedAt, int Version);

public sealed record AskView(Guid Id, string DivisionCode, Guid? ProductId, string ProductName, int Quantity, bool Urgent, bool KeyPopulation,
    string Requester, string Status, Guid? OfferId, int MatchedQuantity, DateTime? MatchedAt, DateTime? HandedOverAt,
    DateTime CreatedAt, int Version);

// Where a match was found: "committee" (same 居委会) or "street" (same 街道).
public sealed record MatchView(Guid AskId, Guid OfferId, string ProductName, int Quantity, string Reach);

public sealed record SharingBoard(List<OfferView> Offers, List<AskView> Asks);

// 药物共享共济: spare medicine offered by residents, matched to asks of neighbours — the same
// committee first, then the same street; urgent asks and key populations first. Prescription-only
// drugs and expired stock are refused at the door (a field error), since neighbours cannot hand
// over what needs a doctor's prescription or is past its date.
public sealed class SharingDesk(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<SharingBoard> BoardAsync(CancellationToken ct)
    {
        var offers = await db.MedicineOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Available)
            .OrderBy(o => o.Expiry).Take(Paging.MaxPageSize).ToListAsync(ct);
        var asks = await db.MedicineAsks.AsNoTracking().Where(a => a.Status != AskStatus.Cancelled)
            .OrderByDescending(a => a.CreatedAt).Take(Paging.MaxPageSize).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        return new SharingBoard([.. offers.Select(o => View(o, today))], [.. asks.OrderBy(a => a.Status).ThenByDescending(a => a.Urgent)
            .ThenByDescending(a => a.KeyPopulation).ThenBy(a => a.CreatedAt).Select(View)]);
    }

    public async Task<WriteOutcome<OfferView>> OfferAsync(OfferInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var committee = await CommitteeAsync(input.DivisionCode, errors, ct);
        var (productId, name) = await ProductAsync(input.ProductCode, input.ProductName, errors, ct);
        if (input.Quantity is not (> 0 and <= 1000)) errors.Add("quantity", "须为 1–1000 / must be 1–1000");
        var today = ChinaTime.Today(clock);
        if (input.Expiry is null) errors.Add("expiry", "必填 / required");
        else if (input.Expiry < today) errors.Add("expiry", "药品已过期，不能共享 / expired medicine cannot be shared");
        var donor = input.Donor?.Trim() ?? "";
        if (donor.Length == 0) errors.Add("donor", "必填（楼栋门牌或称呼）/ required (building and room, or a name)");
        else if (donor.Length > 100) errors.Add("donor", "最长 100 字符 / at most 100 characters");
        if (errors.Any) return new WriteOutcome<OfferView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(committee))
            return new WriteOutcome<OfferView>.Forbidden(new FieldErrors().Add("divisionCode", "不在管辖范围内 / outside your jurisdiction"));
        var offer = MedicineOffer.Record(committee, productId, name, input.Quantity!.Value, input.Expiry!.Value, donor, user.UserName, Now);
        db.MedicineOffers.Add(offer);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.sharing.offer", AuditOutcome.Success, "medicineOffer", offer.Id.ToString(), committee), ct);
        return new WriteOutcome<OfferView>.Done(View(offer, today));
    }

    public async Task<WriteOutcome<AskView>> AskAsync(AskInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var committee = await CommitteeAsync(input.DivisionCode, errors, ct);
        var (productId, name) = await ProductAsync(input.ProductCode, input.ProductName, errors, ct);
        if (input.Quantity is not (> 0 and <= 1000)) errors.Add("quantity", "须为 1–1000 / must be 1–1000");
        var requester = input.Requester?.Trim() ?? "";
        if (requester.Length == 0) errors.Add("requester", "必填（楼栋门牌或称呼）/ required (building and room, or a name)");
        else if (requester.Length > 100) errors.Add("requester", "最长 100 字符 / at most 100 characters");
        if (errors.Any) return new WriteOutcome<AskView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(committee))
            return new WriteOutcome<AskView>.Forbidden(new FieldErrors().Add("divisionCode", "不在管辖范围内 / outside your jurisdiction"));
        var ask = MedicineAsk.Record(committee, productId, name, input.Quantity!.Value, input.Urgent ?? false, input.KeyPopulation ?? false, requester,
            user.UserName, Now);
        db.MedicineAsks.Add(ask);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.sharing.ask", AuditOutcome.Success, "medicineAsk", ask.Id.ToString(), committee), ct);
        return new WriteOutcome<AskView>.Done(View(ask));
    }

    // Open asks in scope, most pressing first, each given the best unexpired offer with stock: the
    // same committee before the same street, then the soonest expiry (use what would be wasted first).
    // Offers are only those the caller may see, so a match never crosses the caller's jurisdiction.
    public async Task<List<MatchView>> MatchAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var asks = await db.MedicineAsks.Where(a => a.Status == AskStatus.Open).ToListAsync(ct);
        if (asks.Count == 0) return [];
        var offers = await db.MedicineOffers.Where(o => o.Status == OfferStatus.Available && o.Remaining > 0 && o.Expiry >= today).ToListAsync(ct);
        var matches = new List<MatchView>();
        foreach (var ask in asks.OrderByDescending(a => a.Urgent).ThenByDescending(a => a.KeyPopulation).ThenBy(a => a.CreatedAt))
        {
            var best = offers.Where(o => o.Remaining > 0 && SameMedicine(o, ask) && o.DivisionCode[..9] == ask.DivisionCode[..9])
                .OrderBy(o => o.DivisionCode == ask.DivisionCode ? 0 : 1).ThenBy(o => o.Expiry).ThenBy(o => o.CreatedAt).FirstOrDefault();
            if (best is null) continue;
            var taken = best.Take(ask.Quantity, Now);
            ask.MatchWith(best, taken, Now);
            matches.Add(new MatchView(ask.Id, best.Id, ask.ProductName, taken, best.DivisionCode == ask.DivisionCode ? "committee" : "street"));
        }
        if (matches.Count == 0) return matches;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone matched or handed over at the same moment: nothing of this run is kept; run it again.
            return [];
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("community.sharing.match", AuditOutcome.Success, "medicineAsk", null, $"{matches.Count} matches"), ct);
        return matches;
    }

    public async Task<WriteOutcome<AskView>> HandOverAsync(Guid askId, int expected, CancellationToken ct)
    {
        var ask = await db.MedicineAsks.FirstOrDefaultAsync(a => a.Id == askId, ct);
        if (ask is null) return new WriteOutcome<AskView>.NotFound();
        if (ask.Version != expected) return new WriteOutcome<AskView>.Stale(ask.Version);
        if (ask.Status != AskStatus.Matched)
            return new WriteOutcome<AskView>.Invalid(new FieldErrors().Add("status", "尚未配对，不能交接 / not matched yet"));
        ask.HandOver(user.UserName ?? "", Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new WriteOutcome<AskView>.Stale(await db.MedicineAsks.AsNoTracking().Where(a => a.Id == askId).Select(a => a.Version).FirstAsync(ct));
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("community.sharing.handover", AuditOutcome.Success, "medicineAsk", ask.Id.ToString()), ct);
        return new WriteOutcome<AskView>.Done(View(ask));
    }

    private static bool SameMedicine(MedicineOffer o, MedicineAsk a) =>
        o.ProductId is { } p && a.ProductId is { } q ? p == q : string.Equals(o.ProductName, a.ProductName, StringComparison.OrdinalIgnoreCase);

    // The catalogue (Supplies' read side) names the product and says whether it needs a prescription.
    private async Task<(Guid? Id, string Name)> ProductAsync(string? productCode, string? productName, FieldErrors errors, CancellationToken ct)
    {
        var code = productCode?.Trim() ?? "";
        var name = productName?.Trim() ?? "";
        if (code.Length == 0 && name.Length == 0)
        {
            errors.Add("productName", "须给出药品名称或目录编码 / give a product name or catalogue code");
            return (null, "");
        }
        if (name.Length > 200) errors.Add("productName", "最长 200 字符 / at most 200 characters");
        var product = code.Length > 0
            ? await db.Products.AsNoTracking().Where(p => p.Code == code).Select(p => new { p.Id, p.Name, p.PrescriptionOnly }).FirstOrDefaultAsync(ct)
            : await db.Products.AsNoTracking().Where(p => p.Name == name).Select(p => new { p.Id, p.Name, p.PrescriptionOnly }).FirstOrDefaultAsync(ct);
        if (code.Length > 0 && product is null)
        {
            errors.Add("productCode", "目录中没有此编码 / not in the catalogue");
            return (null, name);
        }
        if (product is { PrescriptionOnly: true })
            errors.Add(code.Length > 0 ? "productCode" : "productName", "处方药不能在邻里间共享，请经医疗机构取药 / prescription-only drugs cannot be shared between neighbours");
        return product is null ? (null, name) : (product.Id, product.Name);
    }

    private async Task<string> CommitteeAsync(string? divisionCode, FieldErrors errors, CancellationToken ct)
    {
        var code = divisionCode?.Trim() ?? "";
        if (code.Length == 0) errors.Add("divisionCode", "必填 / required");
        else if (code.Length != 12 || !await db.Divisions.AnyAsync(d => d.Code == code, ct))
            errors.Add("divisionCode", "须为已知的居（村）委会代码 / must be a known committee code");
        return code;
    }

    private static OfferView View(MedicineOffer o, DateOnly today) => new(o.Id, o.DivisionCode, o.ProductId, o.ProductName, o.Quantity, o.Remaining,
        o.Expiry, o.Donor, o.Status.ToString(), o.Expiry < today, o.CreatedAt, o.Version);

    private static AskView View(MedicineAsk a) => new(a.Id, a.DivisionCode, a.ProductId, a.ProductName, a.Quantity, a.Urgent, a.KeyPopulation,
        a.Requester, a.Status.ToString(), a.OfferId, a.MatchedQuantity, a.MatchedAt, a.HandedOverAt, a.CreatedAt, a.Version);
}

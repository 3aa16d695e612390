using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies;

public sealed record SupplyRequestInput(Guid? FacilityId, Guid? ProductId, string? ProductCode, long? Units, string? Reason);

public sealed record SupplyRequestDto(Guid Id, Guid FacilityId, string FacilityName, Guid ProductId, string ProductCode, long Units, string? Reason,
    string Status, DateTime RaisedAt, string? RaisedBy, Guid? PlanId);

// Requests from sites (a hospital expecting a surge, a community centre with a list of elderly
// patients): they feed the next plan's need and are marked planned when a plan serving them is approved.
public sealed class SupplyRequests(FangkongDb db, StockLedger ledger, CurrentUser user, TimeProvider clock, IOptions<SupplyOptions> options)
{
    public async Task<WriteOutcome<SupplyRequestDto>> RaiseAsync(SupplyRequestInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        StockLedger.CheckQuantity(input.Units, errors, "units");
        if (input.Reason is { Length: > 500 }) errors.Add("reason", "最长 500 字符 / at most 500 characters");
        var (facility, product, refused) = await ledger.ResolveAsync(input.FacilityId, input.ProductId, input.ProductCode, errors, ct);
        if (refused is WriteOutcome<MovementResult>.Forbidden f) return new WriteOutcome<SupplyRequestDto>.Forbidden(f.Errors);
        if (facility is not null && !options.Value.PriorityByKind.ContainsKey(facility.Kind))
            errors.Add("facilityId", "仓库和生产企业不提出需求申请 / warehouses and manufacturers do not request supplies");
        if (errors.Any) return new WriteOutcome<SupplyRequestDto>.Invalid(errors);
        var request = SupplyRequest.Raise(Guid.CreateVersion7(), facility!.Id, facility.DivisionCode, facility.DistrictCode, product!.Id,
            input.Units!.Value, string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim(), user.UserName, clock.GetUtcNow().UtcDateTime);
        db.SupplyRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return new WriteOutcome<SupplyRequestDto>.Done(new SupplyRequestDto(request.Id, facility.Id, facility.Name, product.Id, product.Code, request.Units,
            request.Reason, request.Status.ToString(), request.RaisedAt, request.RaisedBy, request.PlanId));
    }

    public async Task<List<SupplyRequestDto>> ListAsync(string? status, Guid? facilityId, CancellationToken ct)
    {
        var q = db.SupplyRequests.AsNoTracking();
        if (Enum.TryParse<SupplyRequestStatus>(status, true, out var s) && !int.TryParse(status, out _)) q = q.Where(r => r.Status == s);
        if (facilityId is { } f) q = q.Where(r => r.FacilityId == f);
        var rows = await q.OrderByDescending(r => r.RaisedAt).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.FacilityId).Distinct().ToList();
        var names = await db.Facilities.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return rows.Select(r => new SupplyRequestDto(r.Id, r.FacilityId, names.GetValueOrDefault(r.FacilityId, ""), r.ProductId, products[r.ProductId],
            r.Units, r.Reason, r.Status.ToString(), r.RaisedAt, r.RaisedBy, r.PlanId)).ToList();
    }
}

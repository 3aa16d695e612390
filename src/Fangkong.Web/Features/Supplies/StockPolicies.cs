using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Supplies;

public sealed record PolicyInput(Guid? FacilityId, Guid? ProductId, long? ReserveUnits, long? DailyCapacityUnits, int? HoursPerDay);

public sealed record PolicyDto(Guid FacilityId, Guid ProductId, string ProductCode, string ProductName, string Unit, long OnHand,
    long ReserveUnits, long? DailyCapacityUnits, int? HoursPerDay, int Version);

// Per node and product: the reserve held back from allocation and, for a manufacturer, its daily
// capacity and hours of operation. Edited by the supplies task force (ManageCatalogue). What a
// manufacturer actually made is a Produced movement in the ledger, not a policy.
public sealed class StockPolicies(FangkongDb db, StockLedger ledger, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public async Task<List<PolicyDto>?> ListAsync(Guid facilityId, CancellationToken ct)
    {
        if (await db.Facilities.AsNoTracking().AnyAsync(f => f.Id == facilityId && StockLedger.StockNodeKinds.Contains(f.Kind), ct) is false) return null;
        var onHand = await db.StockLots.AsNoTracking().Where(l => l.FacilityId == facilityId)
            .GroupBy(l => l.ProductId).Select(g => new { g.Key, Units = g.Sum(l => l.OnHand) }).ToDictionaryAsync(g => g.Key, g => g.Units, ct);
        var policies = await db.StockPolicies.AsNoTracking().Where(p => p.FacilityId == facilityId).ToDictionaryAsync(p => p.ProductId, ct);
        var products = await db.Products.AsNoTracking().Where(p => p.Active || onHand.Keys.Contains(p.Id)).OrderBy(p => p.Code).ToListAsync(ct);
        return products.Select(p =>
        {
            var policy = policies.GetValueOrDefault(p.Id);
            return new PolicyDto(facilityId, p.Id, p.Code, p.Name, p.Unit, onHand.GetValueOrDefault(p.Id), policy?.ReserveUnits ?? 0,
                policy?.DailyCapacityUnits, policy?.HoursPerDay, policy?.Version ?? 0);
        }).ToList();
    }

    public async Task<WriteOutcome<PolicyDto>> SetAsync(PolicyInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.ReserveUnits is null) errors.Add("reserveUnits", "必填 / required");
        else if (input.ReserveUnits is < 0 or > StockLedger.MaxQuantity) errors.Add("reserveUnits", $"须为 0–{StockLedger.MaxQuantity:N0} / must be 0–{StockLedger.MaxQuantity:N0}");
        if (input.DailyCapacityUnits is < 0 or > StockLedger.MaxQuantity) errors.Add("dailyCapacityUnits", $"须为 0–{StockLedger.MaxQuantity:N0} / must be 0–{StockLedger.MaxQuantity:N0}");
        if (input.HoursPerDay is < 1 or > 24) errors.Add("hoursPerDay", "须为 1–24 / must be 1–24");
        var (facility, product, refused) = await ledger.ResolveAsync(input.FacilityId, input.ProductId, null, errors, ct);
        if (refused is WriteOutcome<MovementResult>.Forbidden forbidden) return new WriteOutcome<PolicyDto>.Forbidden(forbidden.Errors);
        if (facility is not null && facility.Kind != FacilityKind.Manufacturer && (input.DailyCapacityUnits is not null || input.HoursPerDay is not null))
            errors.Add("dailyCapacityUnits", "只有生产企业有产能 / only a manufacturer has a production capacity");
        if (errors.Any) return new WriteOutcome<PolicyDto>.Invalid(errors);

        var policy = await db.StockPolicies.FirstOrDefaultAsync(p => p.DistrictCode == facility!.DistrictCode && p.FacilityId == facility.Id && p.ProductId == product!.Id, ct);
        if (policy is null)
        {
            policy = StockPolicy.Create(facility!.Id, facility.DivisionCode, facility.DistrictCode, product!.Id);
            db.StockPolicies.Add(policy);
        }
        // Capacity without hours means round-the-clock is not assumed: a plant states its shifts.
        policy.Set(input.ReserveUnits!.Value, input.DailyCapacityUnits, input.DailyCapacityUnits is null ? null : input.HoursPerDay ?? 24,
            clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("stock.policy", AuditOutcome.Success, "facility", facility!.Id.ToString(),
            $"product={product!.Code} reserve={policy.ReserveUnits} capacity={policy.DailyCapacityUnits} hours={policy.HoursPerDay}"), ct);
        var onHand = await db.StockLots.AsNoTracking().Where(l => l.FacilityId == facility.Id && l.ProductId == product.Id).SumAsync(l => l.OnHand, ct);
        return new WriteOutcome<PolicyDto>.Done(new PolicyDto(facility.Id, product.Id, product.Code, product.Name, product.Unit, onHand,
            policy.ReserveUnits, policy.DailyCapacityUnits, policy.HoursPerDay, policy.Version));
    }
}

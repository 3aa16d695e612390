using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Live;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Facilities;

public sealed record FacilityFilter(FacilityKind? Kind = null, string? DivisionCode = null, string? Search = null)
{
    // From query-string text: pages send an empty kind= when no kind is chosen, which enum binding
    // would refuse, and a label (药店) reads as well as the code.
    public static (FacilityFilter? Filter, IResult? Problem) FromQuery(string? kind, string? division, string? q)
    {
        if (string.IsNullOrWhiteSpace(kind)) return (new FacilityFilter(null, division, q), null);
        return FacilityKindRules.TryParseKind(kind, out var parsed)
            ? (new FacilityFilter(parsed, division, q), null)
            : (null, new FieldErrors().Add("kind", $"机构类型无效 / unknown facility kind '{kind}'").ToProblem());
    }
}

// The facility use cases, shared by the REST API, the pages and the importer. Reads go through the
// context's jurisdiction filter; writes check that the target division exists and is in scope.
public sealed class FacilityRegistry(FangkongDb db, CurrentUser user, AuditLog audit, LiveNotifier live, TimeProvider clock)
{
    public IQueryable<Facility> Query(FacilityFilter filter)
    {
        var q = db.Facilities.AsNoTracking();
        if (filter.Kind is { } kind) q = q.Where(f => f.Kind == kind);
        if (!string.IsNullOrWhiteSpace(filter.DivisionCode))
        {
            var prefix = filter.DivisionCode.Trim();
            q = q.Where(f => f.DivisionCode.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            q = q.Where(f => f.Name.Contains(term) || f.Address.Contains(term));
        }
        return q;
    }

    public async Task<Page<FacilityDto>> ListAsync(FacilityFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var q = Query(filter);
        var total = await q.CountAsync(cancellationToken);
        var items = await q.OrderBy(f => f.DivisionCode).ThenBy(f => f.Name).ThenBy(f => f.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Page<FacilityDto>(items.Select(FacilityDto.From).ToList(), paging.Page, paging.PageSize, total);
    }

    // Out of scope and missing look the same to the caller (404); the audit trail tells them apart.
    public async Task<Facility?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var facility = await db.Facilities.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        // unscoped: facilities are not personal data; existence only decides whether the 404 is audited as a denial
        if (facility is null && await db.Facilities.IgnoreQueryFilters().AnyAsync(f => f.Id == id, cancellationToken))
            await audit.AppendAsync(user.Actor, new AuditEvent("facility.read", AuditOutcome.Denied, "facility", id.ToString(), "outside jurisdiction"), cancellationToken);
        return facility;
    }

    public async Task<WriteOutcome<Facility>> CreateAsync(FacilityInput input, CancellationToken cancellationToken)
    {
        var checkedInput = await CheckAsync(input, cancellationToken);
        if (checkedInput.Outcome is { } refused) return refused;
        var v = checkedInput.Valid!;
        var facility = Facility.Register(Guid.CreateVersion7(), v.Kind, v.Name, v.DivisionCode, v.Address, v.Latitude, v.Longitude, v.Phone, v.Capacity, clock.GetUtcNow().UtcDateTime);
        db.Facilities.Add(facility);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(user.Actor, new AuditEvent("facility.create", AuditOutcome.Success, "facility", facility.Id.ToString()), cancellationToken);
        await live.FacilityChangedAsync(facility.Id, facility.DivisionCode);
        return new WriteOutcome<Facility>.Done(facility);
    }

    public async Task<WriteOutcome<Facility>> UpdateAsync(Guid id, int expectedVersion, FacilityInput input, CancellationToken cancellationToken)
    {
        var facility = await FindAsync(id, cancellationToken);
        if (facility is null) return new WriteOutcome<Facility>.NotFound();
        if (facility.Version != expectedVersion) return new WriteOutcome<Facility>.Stale(facility.Version);
        // A facility-bound account (bed manager, enterprise liaison) may edit its own facility in place.
        var ownFacility = user.Jurisdiction.FacilityId == id ? facility.DivisionCode : null;
        var checkedInput = await CheckAsync(input, cancellationToken, ownFacility);
        if (checkedInput.Outcome is { } refused) return refused;
        var v = checkedInput.Valid!;
        if (Fangkong.Core.Divisions.DivisionCodes.DistrictOf(v.DivisionCode) != facility.DistrictCode)
            return new WriteOutcome<Facility>.Invalid(new FieldErrors().Add("divisionCode",
                "不能通过编辑把机构移到其他区；请使用移交 / moving to another district is a transfer, not an edit"));
        facility.Revise(v.Kind, v.Name, v.DivisionCode, v.Address, v.Latitude, v.Longitude, v.Phone, v.Capacity, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Facilities.AsNoTracking().Where(f => f.Id == id).Select(f => f.Version).FirstOrDefaultAsync(cancellationToken);
            return new WriteOutcome<Facility>.Stale(current);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("facility.update", AuditOutcome.Success, "facility", id.ToString()), cancellationToken);
        await live.FacilityChangedAsync(facility.Id, facility.DivisionCode);
        return new WriteOutcome<Facility>.Done(facility);
    }

    public async Task<WriteOutcome<Guid>> DeleteAsync(Guid id, int expectedVersion, CancellationToken cancellationToken)
    {
        var facility = await FindAsync(id, cancellationToken);
        if (facility is null) return new WriteOutcome<Guid>.NotFound();
        if (facility.Version != expectedVersion) return new WriteOutcome<Guid>.Stale(facility.Version);
        db.Facilities.Remove(facility);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new WriteOutcome<Guid>.Stale(-1);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("facility.delete", AuditOutcome.Success, "facility", id.ToString()), cancellationToken);
        await live.FacilityChangedAsync(facility.Id, facility.DivisionCode);
        return new WriteOutcome<Guid>.Done(id);
    }

    // Validation that needs the database: the division exists and lies in the caller's jurisdiction.
    public async Task<(FacilityInput.Valid? Valid, WriteOutcome<Facility>? Outcome)> CheckAsync(FacilityInput input, CancellationToken cancellationToken, string? ownFacilityDivision = null)
    {
        var errors = new FieldErrors();
        var valid = input.Validate(errors);
        if (valid is null) return (null, new WriteOutcome<Facility>.Invalid(errors));
        if (!await db.Divisions.AnyAsync(d => d.Code == valid.DivisionCode, cancellationToken))
            return (null, new WriteOutcome<Facility>.Invalid(errors.Add("divisionCode", $"区划代码不存在 / unknown division {valid.DivisionCode}")));
        if (!user.Jurisdiction.CoversDivision(valid.DivisionCode) && valid.DivisionCode != ownFacilityDivision)
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("facility.write", AuditOutcome.Denied, "division", valid.DivisionCode, "outside jurisdiction"), cancellationToken);
            return (null, new WriteOutcome<Facility>.Forbidden(errors.Add("divisionCode", "不在您的管辖范围内 / outside your jurisdiction")));
        }
        return (valid, null);
    }
}

using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

// Personal fields only ever leave masked (name, ID number); age and sex are what a ward round needs.
public sealed record PatientRow(Guid Id, string Name, string IdNumber, int Age, Sex Sex, string DivisionCode, Severity Severity, bool HasRisk,
    PatientStatus Status, Guid? FacilityId, string? FacilityName, Guid? WardId, string? WardName, BedLevel? Level, DateTime DetectedAt,
    DateTime? AdmittedAt, int? DaysAdmitted, DateTime? ExpectedDischarge, DateTime? EndedAt, int Version);

public sealed record EventRow(DateTime At, PatientEventKind Kind, Severity Severity, Guid? FromWardId, string? FromWard, Guid? ToWardId, string? ToWard,
    string? Note, string? By);

public sealed record TestRow(DateTime TakenAt, bool Positive, double? CtValue);

public sealed record CarePlanDto(Guid PatientId, string Team, string Items, DateOnly NextReview, string? UpdatedBy, DateTime UpdatedAt, int Version);

public sealed record PatientDetails(PatientRow Patient, IReadOnlyList<EventRow> Events, IReadOnlyList<TestRow> Tests, CarePlanDto? CarePlan,
    string? DischargeUnmet, int? DischargeRuleVersion);

public sealed record WardDto(Guid Id, Guid FacilityId, string FacilityName, FacilityKind FacilityKind, string DivisionCode, BedLevel Level, string Name,
    int Beds, int Occupied, int Reserved, int Free, int Ventilators, int StaffOnDuty, int Version);

public sealed record LevelBeds(BedLevel Level, int Beds, int Occupied, int Reserved, int Free);

public sealed record CapacityArea(string Code, string Name, IReadOnlyList<LevelBeds> Levels, int Beds, int Occupied, int Reserved, int Free,
    double? Occupancy, int Ventilators, int Staff);

public sealed record Capacity(string DivisionCode, string DivisionName, CapacityArea Total, IReadOnlyList<CapacityArea> Children,
    IReadOnlyList<CapacityArea> Facilities);

// The read side of treatment: patients, wards and bed capacity, all through the jurisdiction filters
// (wards by the caller's divisions or facility). A patient lying in a ward the caller can see is
// visible too, so a district sees who is in its hospitals, wherever they live: that rule is part of the
// patients' own query filter (TreatmentModel), not a query that switches the filters off.
public sealed class TreatmentBoard(FangkongDb db, DivisionDirectory divisions, CurrentUser user, TimeProvider clock, PersonIdentities identities)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IQueryable<Patient> VisiblePatients() => db.Patients;

    public async Task<Page<PatientRow>> ListAsync(string? status, string? division, Guid? facilityId, Paging paging, CancellationToken ct)
    {
        var query = VisiblePatients().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status) && Enum.TryParse<PatientStatus>(status.Trim(), true, out var s)) query = query.Where(p => p.Status == s);
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(p => p.DivisionCode.StartsWith(division.Trim()));
        if (facilityId is { } f) query = query.Where(p => p.FacilityId == f);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<PatientRow>(await RowsAsync(items, ct), paging.Page, paging.PageSize, total);
    }

    public async Task<List<PatientRow>> RowsAsync(IReadOnlyList<Patient> patients, CancellationToken ct)
    {
        // Patients the caller reached through the filter; who they are comes masked from the people module.
        var people = await identities.OfAsync(patients.Select(p => p.PersonId), ct);
        var wardIds = patients.Where(p => p.WardId != null).Select(p => p.WardId!.Value).Distinct().ToList();
        // unscoped: ward and hospital names are reference data (no personal data), for patients already read in scope
        var wards = await db.Wards.IgnoreQueryFilters().AsNoTracking().Where(w => wardIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Name, w.Level, w.FacilityId }).ToDictionaryAsync(w => w.Id, ct);
        var facilityIds = patients.Where(p => p.FacilityId != null).Select(p => p.FacilityId!.Value).Distinct().ToList();
        // unscoped: hospital names are reference data
        var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(x => facilityIds.Contains(x.Id))
            .Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var today = ChinaTime.Today(clock);
        return patients.Select(p =>
        {
            var person = people.GetValueOrDefault(p.PersonId);
            var ward = p.WardId is { } w ? wards.GetValueOrDefault(w) : null;
            int? days = p.AdmittedAt is { } a ? Math.Max(0, (int)Math.Floor(((p.EndedAt ?? Now) - a).TotalDays)) : null;
            return new PatientRow(p.Id, Masking.Name(person?.Name), Masking.IdNumber(person?.IdNumber), person is null ? 0 : PersonDto.AgeOn(person.BirthDate, today),
                person?.Sex ?? default, p.DivisionCode, p.Severity, p.HasRisk, p.Status, p.FacilityId,
                p.FacilityId is { } fid ? facilities.GetValueOrDefault(fid) : null, p.WardId, ward?.Name, ward?.Level, p.DetectedAt, p.AdmittedAt, days,
                p.Status == PatientStatus.Admitted ? p.ExpectedDischarge : null, p.EndedAt, p.Version);
        }).ToList();
    }

    public async Task<PatientRow?> RowAsync(Patient patient, CancellationToken ct) => (await RowsAsync([patient], ct)).Single();

    public async Task<PatientDetails?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var patient = await VisiblePatients().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (patient is null) return null;
        var row = (await RowsAsync([patient], ct))[0];
        var events = await db.PatientEvents.AsNoTracking().Where(e => e.PatientId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var wardIds = events.SelectMany(e => new[] { e.FromWardId, e.ToWardId }).OfType<Guid>().Distinct().ToList();
        // unscoped: ward and hospital names are reference data (the events are the visible patient's own)
        var wardNames = await db.Wards.IgnoreQueryFilters().AsNoTracking().Where(w => wardIds.Contains(w.Id))
            .Join(db.Facilities.IgnoreQueryFilters(), w => w.FacilityId, f => f.Id, (w, f) => new { w.Id, Name = f.Name + " · " + w.Name }) // unscoped: hospital names are reference data
            .ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var tests = await db.PatientTests.AsNoTracking().Where(t => t.PatientId == id).OrderByDescending(t => t.TakenAt).ToListAsync(ct);
        var plan = await db.CarePlans.AsNoTracking().FirstOrDefaultAsync(c => c.PatientId == id, ct);
        var rule = await db.DischargeRules.AsNoTracking().Where(r => r.EffectiveFrom <= Now).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        var unmet = rule is null || patient.Status != PatientStatus.Admitted ? null : DischargeCheck.Unmet(rule, patient.AdmittedAt ?? patient.DetectedAt, tests, Now);
        return new PatientDetails(row,
            events.Select(e => new EventRow(e.At, e.Kind, e.Severity, e.FromWardId, e.FromWardId is { } f ? wardNames.GetValueOrDefault(f) : null,
                e.ToWardId, e.ToWardId is { } t ? wardNames.GetValueOrDefault(t) : null, e.Note, e.By)).ToList(),
            tests.Select(t => new TestRow(t.TakenAt, t.Positive, t.CtValue)).ToList(),
            plan is null ? null : CarePlanDto(plan), unmet, rule?.Version);
    }

    public static CarePlanDto CarePlanDto(CarePlan c) => new(c.PatientId, c.Team, c.Items, c.NextReview, c.UpdatedBy, c.UpdatedAt, c.Version);

    public async Task<List<WardDto>> WardsAsync(Guid? facilityId, string? division, CancellationToken ct)
    {
        var query = db.Wards.AsNoTracking();
        if (facilityId is { } f) query = query.Where(w => w.FacilityId == f);
        if (!string.IsNullOrWhiteSpace(division)) query = query.Where(w => w.DivisionCode.StartsWith(division.Trim()));
        var wards = await query.ToListAsync(ct);
        var ids = wards.Select(w => w.FacilityId).Distinct().ToList();
        // unscoped: hospital names and kinds are reference data
        var facilities = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.Id))
            .Select(x => new { x.Id, x.Name, x.Kind }).ToDictionaryAsync(x => x.Id, ct);
        return wards.Select(w => ToDto(w, facilities[w.FacilityId].Name, facilities[w.FacilityId].Kind))
            .OrderBy(w => w.FacilityName, StringComparer.Ordinal).ThenByDescending(w => w.Level).ToList();
    }

    public static WardDto ToDto(Ward w, string facilityName, FacilityKind kind) => new(w.Id, w.FacilityId, facilityName, kind, w.DivisionCode, w.Level,
        w.Name, w.Beds, w.Occupied, w.Reserved, w.Free, w.Ventilators, w.StaffOnDuty, w.Version);

    // The caller's home scope: its division, or its facility's district; city-wide users the city of their wards.
    public async Task<string?> HomeDivisionAsync(CancellationToken ct)
    {
        var j = user.Jurisdiction;
        if (j.DivisionPrefix is { } prefix) return prefix;
        // unscoped: the district of the caller's own facility is reference data
        if (j.FacilityId is { } f) return await db.Facilities.IgnoreQueryFilters().Where(x => x.Id == f).Select(x => x.DistrictCode).FirstOrDefaultAsync(ct);
        var any = await db.Wards.Select(w => w.DivisionCode).FirstOrDefaultAsync(ct);
        return any?[..4];
    }

    // Beds by level for the division, each child division (district of a city, street of a district)
    // and each facility; only the wards the caller can see are counted.
    public async Task<Capacity?> CapacityAsync(string? division, CancellationToken ct)
    {
        var scope = string.IsNullOrWhiteSpace(division) ? await HomeDivisionAsync(ct) : division.Trim();
        if (scope is null) return null;
        var info = await divisions.GetAsync(scope, ct);
        if (info is null) return null;
        var wards = await WardsAsync(null, scope, ct);
        var childLength = scope.Length switch { <= 2 => 4, <= 4 => 6, <= 6 => 9, _ => 12 };
        var childGroups = wards.GroupBy(w => w.DivisionCode.Length >= childLength ? w.DivisionCode[..childLength] : w.DivisionCode).ToList();
        var names = await divisions.NamesAsync(childGroups.Select(g => g.Key).ToList(), ct);
        var children = childGroups.Select(g => Area(g.Key, names.GetValueOrDefault(g.Key, g.Key), g)).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var facilities = wards.GroupBy(w => w.FacilityId).Select(g => Area(g.Key.ToString(), g.First().FacilityName, g))
            .OrderByDescending(a => a.Occupancy ?? 0).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
        return new Capacity(scope, info.Name, Area(scope, info.Name, wards), children, facilities);
    }

    private static CapacityArea Area(string code, string name, IEnumerable<WardDto> wards)
    {
        var list = wards.ToList();
        var levels = Enum.GetValues<BedLevel>().Select(l =>
        {
            var at = list.Where(w => w.Level == l).ToList();
            return new LevelBeds(l, at.Sum(w => w.Beds), at.Sum(w => w.Occupied), at.Sum(w => w.Reserved), at.Sum(w => w.Free));
        }).ToList();
        var beds = list.Sum(w => w.Beds);
        var used = list.Sum(w => w.Occupied + w.Reserved);
        return new CapacityArea(code, name, levels, beds, list.Sum(w => w.Occupied), list.Sum(w => w.Reserved), list.Sum(w => w.Free),
            beds == 0 ? null : Math.Round(100.0 * used / beds, 1), list.Sum(w => w.Ventilators), list.Sum(w => w.StaffOnDuty));
    }
}

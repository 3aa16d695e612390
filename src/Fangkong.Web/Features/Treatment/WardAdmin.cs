using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

public sealed record WardInput(Guid? FacilityId, string? Level, string? Name, int? Beds, int? Ventilators, int? StaffOnDuty);

public sealed record DischargeRuleInput(int? NegativeTests, int? HoursApart, int? MinimumDaysAdmitted, double? CtThreshold, DateTime? EffectiveFrom);

public sealed record DischargeRuleDto(int Version, int NegativeTests, int HoursApart, int MinimumDaysAdmitted, double? CtThreshold, DateTime EffectiveFrom,
    string? CreatedBy);

public sealed record CarePlanInput(string? Team, string? Items, DateOnly? NextReview);

// The configuration side of treatment: wards (opened and resized by a facility's bed manager or
// the medical task force; their counts are PatientFlow's alone), discharge rule versions (added,
// never edited) and the care plans of severe and critical patients.
public sealed class WardAdmin(FangkongDb db, TreatmentBoard board, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int MaxBeds = 100_000;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WriteOutcome<WardDto>> OpenAsync(WardInput input, CancellationToken ct)
    {
        var errors = Validate(input, creating: true, out var level);
        if (errors.Any) return new WriteOutcome<WardDto>.Invalid(errors);
        // unscoped: facility rows are reference data; scope is checked with CoversFacility
        var facility = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(f => f.Id == input.FacilityId, ct);
        if (facility is null) return new WriteOutcome<WardDto>.Invalid(new FieldErrors().Add("facilityId", "机构不存在 / unknown facility"));
        if (!user.Jurisdiction.CoversFacility(facility.Id, facility.DivisionCode))
            return new WriteOutcome<WardDto>.Forbidden(new FieldErrors().Add("facilityId", "机构不在管辖范围内 / the facility is outside your jurisdiction"));
        if (!CareLevels.FacilityTakes(facility.Kind, level, Severity.Severe) && !CareLevels.FacilityTakes(facility.Kind, level, Severity.Critical))
            return new WriteOutcome<WardDto>.Invalid(new FieldErrors().Add("level", $"{facility.Kind} 不能开设 {level} 病区 / this kind of facility cannot open a ward of this level"));
        // unscoped: one ward per level per facility is a uniqueness rule over reference data
        if (await db.Wards.IgnoreQueryFilters().AnyAsync(w => w.FacilityId == facility.Id && w.Level == level, ct))
            return new WriteOutcome<WardDto>.Invalid(new FieldErrors().Add("level", "该机构已有此级别病区 / the facility already has a ward of this level"));
        var ward = Ward.Open(Guid.CreateVersion7(), facility.Id, facility.DivisionCode, facility.DistrictCode, level, input.Name!.Trim(),
            input.Beds!.Value, input.Ventilators ?? 0, input.StaffOnDuty ?? 0, Now);
        db.Wards.Add(ward);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("ward.open", AuditOutcome.Success, "ward", ward.Id.ToString(), $"{level} {ward.Beds}"), ct);
        return new WriteOutcome<WardDto>.Done(TreatmentBoard.ToDto(ward, facility.Name, facility.Kind));
    }

    public async Task<WriteOutcome<WardDto>> ResizeAsync(Guid id, int expectedVersion, WardInput input, CancellationToken ct)
    {
        var errors = Validate(input, creating: false, out _);
        if (errors.Any) return new WriteOutcome<WardDto>.Invalid(errors);
        var ward = await db.Wards.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (ward is null) return new WriteOutcome<WardDto>.NotFound();
        if (ward.Version != expectedVersion) return new WriteOutcome<WardDto>.Stale(ward.Version);
        var beds = input.Beds!.Value;
        if (beds < ward.Occupied + ward.Reserved)
            return new WriteOutcome<WardDto>.Invalid(new FieldErrors().Add("beds",
                $"病区现有在院 {ward.Occupied} 人、预留 {ward.Reserved} 床，不能减至 {beds} 床 / the ward holds {ward.Occupied + ward.Reserved}; it cannot shrink to {beds}"));
        ward.Resize(beds, input.Ventilators ?? ward.Ventilators, input.StaffOnDuty ?? ward.StaffOnDuty, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<WardDto>.Stale((await db.Wards.AsNoTracking().FirstAsync(w => w.Id == id, ct)).Version);
        }
        catch (DbUpdateException)
        {
            // An admission took a bed between the read and the write; the CHECK constraint refused the shrink.
            return new WriteOutcome<WardDto>.Invalid(new FieldErrors().Add("beds", "病区床位刚被占用，请刷新后重试 / beds were just taken; reload and retry"));
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("ward.resize", AuditOutcome.Success, "ward", ward.Id.ToString(), $"{ward.Beds}"), ct);
        // unscoped: facility rows are reference data; scope is checked with CoversFacility
        var facility = await db.Facilities.IgnoreQueryFilters().AsNoTracking().FirstAsync(f => f.Id == ward.FacilityId, ct);
        return new WriteOutcome<WardDto>.Done(TreatmentBoard.ToDto(ward, facility.Name, facility.Kind));
    }

    private static FieldErrors Validate(WardInput input, bool creating, out BedLevel level)
    {
        var errors = new FieldErrors();
        level = default;
        if (creating)
        {
            if (input.FacilityId is null) errors.Add("facilityId", "必填 / required");
            if (string.IsNullOrWhiteSpace(input.Level) || int.TryParse(input.Level, out _) || !Enum.TryParse(input.Level.Trim(), true, out level))
                errors.Add("level", "须为 shelter、ordinary、highDependency、icu / unknown level");
            if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100) errors.Add("name", "必填，最长 100 字 / required, at most 100 characters");
        }
        if (input.Beds is null or < 0 or > MaxBeds) errors.Add("beds", $"须为 0–{MaxBeds} / must be 0–{MaxBeds}");
        if (input.Ventilators is < 0 or > MaxBeds) errors.Add("ventilators", $"须为 0–{MaxBeds} / must be 0–{MaxBeds}");
        if (input.StaffOnDuty is < 0 or > MaxBeds) errors.Add("staffOnDuty", $"须为 0–{MaxBeds} / must be 0–{MaxBeds}");
        return errors;
    }

    public async Task<List<DischargeRuleDto>> RulesAsync(CancellationToken ct) =>
        (await db.DischargeRules.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct)).Select(ToDto).ToList();

    private static DischargeRuleDto ToDto(DischargeRule r) => new(r.Version, r.NegativeTests, r.HoursApart, r.MinimumDaysAdmitted, r.CtThreshold, r.EffectiveFrom, r.CreatedBy);

    // A new version; the old ones stay, so each past discharge still names the rule it met.
    public async Task<WriteOutcome<DischargeRuleDto>> AddRuleAsync(DischargeRuleInput input, CancellationToken ct)
    {
        if (user.Jurisdiction.FacilityId is not null && user.Jurisdiction.DivisionPrefix is null && !user.Jurisdiction.Everything)
            return new WriteOutcome<DischargeRuleDto>.Forbidden(new FieldErrors().Add("version", "出院标准由医疗救治专班制定 / discharge criteria are set by the medical task force"));
        var errors = new FieldErrors();
        if (input.NegativeTests is null or < 1 or > 5) errors.Add("negativeTests", "须为 1–5 / must be 1–5");
        if (input.HoursApart is null or < 0 or > 168) errors.Add("hoursApart", "须为 0–168 / must be 0–168");
        if (input.MinimumDaysAdmitted is null or < 0 or > 60) errors.Add("minimumDaysAdmitted", "须为 0–60 / must be 0–60");
        if (input.CtThreshold is < 0 or > 50) errors.Add("ctThreshold", "须为 0–50 / must be 0–50");
        var from = input.EffectiveFrom ?? Now;
        if (from < Now.AddMinutes(-5)) errors.Add("effectiveFrom", "不能追溯生效 / cannot take effect in the past");
        if (errors.Any) return new WriteOutcome<DischargeRuleDto>.Invalid(errors);
        var version = (await db.DischargeRules.MaxAsync(r => (int?)r.Version, ct) ?? 0) + 1;
        var rule = DischargeRule.Create(version, input.NegativeTests!.Value, input.HoursApart!.Value, input.MinimumDaysAdmitted!.Value, input.CtThreshold,
            from, user.UserName);
        db.DischargeRules.Add(rule);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new WriteOutcome<DischargeRuleDto>.Stale(version);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("discharge-rule.add", AuditOutcome.Success, "discharge-rule", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        return new WriteOutcome<DischargeRuleDto>.Done(ToDto(rule));
    }

    // 一病例一方案: only severe and critical patients carry a plan. Version 0 means "none yet".
    public async Task<(CarePlanDto? Plan, bool Found)> CarePlanAsync(Guid patientId, CancellationToken ct)
    {
        if (!await board.VisiblePatients().AnyAsync(p => p.Id == patientId, ct)) return (null, false);
        var plan = await db.CarePlans.AsNoTracking().FirstOrDefaultAsync(c => c.PatientId == patientId, ct);
        return (plan is null ? null : TreatmentBoard.CarePlanDto(plan), true);
    }

    public async Task<WriteOutcome<CarePlanDto>> SaveCarePlanAsync(Guid patientId, int expectedVersion, CarePlanInput input, CancellationToken ct)
    {
        var patient = await board.VisiblePatients().AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null) return new WriteOutcome<CarePlanDto>.NotFound();
        var errors = new FieldErrors();
        if (patient.Severity < Severity.Severe) errors.Add("severity", "仅重型、危重型患者需要一病例一方案 / only severe and critical patients have a care plan");
        if (string.IsNullOrWhiteSpace(input.Team) || input.Team.Trim().Length > 200) errors.Add("team", "必填，最长 200 字 / required, at most 200 characters");
        if (string.IsNullOrWhiteSpace(input.Items) || input.Items.Trim().Length > 4000) errors.Add("items", "必填，最长 4000 字 / required, at most 4000 characters");
        if (input.NextReview is null) errors.Add("nextReview", "必填 / required");
        if (errors.Any) return new WriteOutcome<CarePlanDto>.Invalid(errors);
        var plan = await db.CarePlans.FirstOrDefaultAsync(c => c.PatientId == patientId, ct);
        if ((plan?.Version ?? 0) != expectedVersion) return new WriteOutcome<CarePlanDto>.Stale(plan?.Version ?? 0);
        if (plan is null)
        {
            plan = CarePlan.Start(patientId, patient.DistrictCode, input.Team!.Trim(), input.Items!.Trim(), input.NextReview!.Value, user.UserName, Now);
            db.CarePlans.Add(plan);
        }
        else
        {
            plan.Revise(input.Team!.Trim(), input.Items!.Trim(), input.NextReview!.Value, user.UserName, Now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new WriteOutcome<CarePlanDto>.Stale((await db.CarePlans.AsNoTracking().FirstAsync(c => c.PatientId == patientId, ct)).Version);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("care-plan.save", AuditOutcome.Success, "patient", patientId.ToString()), ct);
        return new WriteOutcome<CarePlanDto>.Done(TreatmentBoard.CarePlanDto(plan));
    }
}

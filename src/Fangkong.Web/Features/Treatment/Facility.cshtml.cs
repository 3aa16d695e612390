using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Treatment;

// One hospital's bed board: its wards by level with occupied / reserved / free beds, the patients
// in each (masked), and the steps a ward takes — admit a reserved patient, transfer, record a test,
// discharge — each through PatientFlow with the version the screen showed.
public sealed class FacilityModel(TreatmentBoard board, PatientFlow flow, FangkongDb db, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public Guid PatientId { get; set; }
    [BindProperty] public Guid? WardId { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public DateTime? TakenAt { get; set; }
    [BindProperty] public bool? Positive { get; set; }
    [BindProperty] public double? CtValue { get; set; }

    public string FacilityName { get; private set; } = "";
    public string DivisionCode { get; private set; } = "";
    public List<WardDto> Wards { get; private set; } = [];
    public List<WardDto> Targets { get; private set; } = [];
    public Dictionary<Guid, List<PatientRow>> Patients { get; private set; } = [];
    public string? Done { get; private set; }
    public bool CanManage => user.Has(Permission.ManagePatients);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewTreatment)) return Forbidden();
        if (Id is null)
        {
            if (user.Jurisdiction.FacilityId is { } own) return Redirect($"/Treatment/Facility/{own}");
            return Redirect("/Treatment");
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAdmitAsync(CancellationToken ct) =>
        ActAsync("admitted", () => WardId is { } w ? flow.AdmitAsync(PatientId, Version, w, ct) : Required("wardId"), ct);
    public Task<IActionResult> OnPostTransferAsync(CancellationToken ct) =>
        ActAsync("transferred", () => WardId is { } w ? flow.TransferAsync(PatientId, Version, w, Note, ct) : Required("wardId"), ct);
    public Task<IActionResult> OnPostDischargeAsync(CancellationToken ct) => ActAsync("discharged", () => flow.DischargeAsync(PatientId, Version, ct), ct);
    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) => ActAsync("released", () => flow.ReleaseReservationAsync(PatientId, Version, Note, ct), ct);
    public Task<IActionResult> OnPostTestAsync(CancellationToken ct) =>
        ActAsync("tested", () => flow.RecordTestAsync(PatientId, Version, TakenAt is { } t ? Platform.Localization.ChinaTime.ToUtc(t) : null, Positive, CtValue, ct), ct);

    private static Task<WriteOutcome<Patient>> Required(string field) =>
        Task.FromResult<WriteOutcome<Patient>>(new WriteOutcome<Patient>.Invalid(new FieldErrors().Add(field, "必填 / required")));

    private async Task<IActionResult> ActAsync(string what, Func<Task<WriteOutcome<Patient>>> act, CancellationToken ct)
    {
        if (!CanManage) return Forbidden();
        var outcome = await act();
        db.ChangeTracker.Clear();
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, _ =>
        {
            Done = what;
            return Page();
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Wards = await board.WardsAsync(Id, null, ct);
        var facility = await db.Facilities.AsNoTracking().Where(f => f.Id == Id).Select(f => new { f.Name, f.DivisionCode }).FirstOrDefaultAsync(ct);
        if (facility is null && Wards.Count == 0) return false;
        (FacilityName, DivisionCode) = facility is null ? (Wards[0].FacilityName, Wards[0].DivisionCode) : (facility.Name, facility.DivisionCode);
        var patients = await board.VisiblePatients().AsNoTracking()
            .Where(p => p.FacilityId == Id && (p.Status == PatientStatus.Admitted || p.Status == PatientStatus.Reserved))
            .OrderByDescending(p => p.Severity).ThenBy(p => p.AdmittedAt).ToListAsync(ct);
        Patients = (await board.RowsAsync(patients, ct)).GroupBy(p => p.WardId ?? Guid.Empty).ToDictionary(g => g.Key, g => g.ToList());
        // Transfer targets: this hospital's other wards and free wards elsewhere in its district.
        var district = DivisionCode.Length >= 6 ? DivisionCode[..6] : DivisionCode;
        Targets = Wards.Concat((await board.WardsAsync(null, district, ct)).Where(w => w.FacilityId != Id && w.Free > 0)).ToList();
        return true;
    }
}

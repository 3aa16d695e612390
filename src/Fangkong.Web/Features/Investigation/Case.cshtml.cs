using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

// One investigation: the case and its stages, places and exposures, contacts and their quarantine,
// the source, and the steps that move the case on. Every form posts the version it was read at.
public sealed class CaseModel(CaseDesk desk, ContactTracing tracing, CurrentUser user, FangkongDb db) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Choice { get; set; }
    [BindProperty] public Guid? ContactId { get; set; }
    [BindProperty] public ExposureForm Exposure { get; set; } = new();
    [BindProperty] public ContactForm NewContact { get; set; } = new();

    public CaseDetails? Details { get; private set; }
    public string? Done { get; private set; }
    public bool CanInvestigate => user.Has(Permission.Investigate);
    public bool CanFollowUp => user.Has(Permission.FollowUpContacts);
    public IReadOnlyList<(Guid Id, string Name)> QuarantineHotels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewInvestigation)) return Forbidden();
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostExposureAsync(CancellationToken ct) => CaseStepAsync("exposure", () => desk.AddExposureAsync(Id, Version,
        new ExposureInput(Exposure.Kind, Exposure.Place, Exposure.PlaceDivisionCode, Utc(Exposure.From), Utc(Exposure.To), Exposure.Note), ct), ct);

    public Task<IActionResult> OnPostSourceAsync(CancellationToken ct) => CaseStepAsync("source", () => desk.SetSourceAsync(Id, Version,
        new SourceInput(Choice, Text), ct), ct);

    public Task<IActionResult> OnPostIsolateAsync(CancellationToken ct) => CaseStepAsync("isolate", () => desk.IsolateAsync(Id, Version, new CaseStepInput(null, null, null, null), ct), ct);

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) => CaseStepAsync("confirm", () => desk.ConfirmAsync(Id, Version, new CaseStepInput(Choice, null, null, null), ct), ct);

    public Task<IActionResult> OnPostRuleOutAsync(CancellationToken ct) => CaseStepAsync("ruleOut", () => desk.RuleOutAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostHandOverAsync(CancellationToken ct) => CaseStepAsync("handOver", () => desk.HandOverAsync(Id, Version, ct), ct);

    public Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) => CaseStepAsync("complete", () => desk.CompleteInvestigationAsync(Id, Version, new CaseStepInput(null, Text, null, null), ct), ct);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) => CaseStepAsync("assign", () => desk.AssignAsync(Id, Version, new CaseStepInput(null, null, Text, null), ct), ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => CaseStepAsync("close", () => desk.CloseAsync(Id, Version, ct), ct);

    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct)
    {
        if (!CanInvestigate) return Forbidden();
        var f = NewContact;
        var outcome = await tracing.AddAsync(Id, new ContactInput(null, f.Name, f.IdNumber, f.Phone, f.DivisionCode, f.Kind, f.ViaContactId, f.Exposure,
            Utc(f.LastExposureAt), string.IsNullOrEmpty(f.Quarantine) ? null : f.Quarantine, f.FacilityId, f.Share), ct);
        return await AfterAsync("contact", outcome, ct, () => NewContact = new ContactForm());
    }

    public Task<IActionResult> OnPostQuarantineAsync(CancellationToken ct) =>
        ContactStepAsync("quarantine", v => tracing.QuarantineAsync(ContactId!.Value, v, new QuarantineInput(Choice, null, null), ct), ct);

    public Task<IActionResult> OnPostShareAsync(CancellationToken ct) =>
        ContactStepAsync("share", v => tracing.ShareAsync(ContactId!.Value, v, ct), ct, investigatorOnly: true);

    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) =>
        ContactStepAsync("release", v => tracing.ReleaseAsync(ContactId!.Value, v, ct), ct);

    public Task<IActionResult> OnPostLostAsync(CancellationToken ct) =>
        ContactStepAsync("lost", v => tracing.LostAsync(ContactId!.Value, v, ct), ct);

    public Task<IActionResult> OnPostPositiveAsync(CancellationToken ct) =>
        ContactStepAsync("positive", v => tracing.TurnPositiveAsync(ContactId!.Value, v, new PositiveInput(Choice, null), ct), ct);

    private async Task<IActionResult> CaseStepAsync(string step, Func<Task<WriteOutcome<CaseDetails>>> act, CancellationToken ct)
    {
        if (!CanInvestigate) return Forbidden();
        return await AfterAsync(step, await act(), ct, () => Exposure = new ExposureForm());
    }

    // Contact forms carry the contact's version in `Version` (each row posts its own).
    private async Task<IActionResult> ContactStepAsync(string step, Func<int, Task<WriteOutcome<ContactView>>> act, CancellationToken ct, bool investigatorOnly = false)
    {
        if (investigatorOnly ? !CanInvestigate : !CanFollowUp) return Forbidden();
        if (ContactId is null) return BadRequest();
        return await AfterAsync(step, await act(Version), ct, () => { });
    }

    private async Task<IActionResult> AfterAsync<T>(string step, WriteOutcome<T> outcome, CancellationToken ct, Action reset)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Show(outcome, _ =>
        {
            Done = step;
            ModelState.Clear();
            Text = null;
            Choice = null;
            reset();
            return Page();
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await desk.FindAsync(Id, ct);
        if (Details is null) return false;
        ModelState.Remove(nameof(Version));
        Version = Details.Case.Version;
        var city = Details.Case.DivisionCode[..4];
        // unscoped: facilities are reference data; the city's quarantine hotels (id and name) are offered wherever they are
        QuarantineHotels = (await db.Facilities.IgnoreQueryFilters().AsNoTracking()
                .Where(f => f.Kind == FacilityKind.QuarantineHotel && f.DivisionCode.StartsWith(city)).OrderBy(f => f.Name).Take(300)
                .Select(f => new { f.Id, f.Name }).ToListAsync(ct))
            .Select(f => (f.Id, f.Name)).ToList();
        return true;
    }

    private static DateTime? Utc(DateTime? local) => local is { } l ? ChinaTime.ToUtc(l) : null;

    public sealed class ExposureForm
    {
        public string? Kind { get; set; } = nameof(ExposureKind.Visit);
        public string? Place { get; set; }
        public string? PlaceDivisionCode { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
        public string? Note { get; set; }
    }

    public sealed class ContactForm
    {
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? DivisionCode { get; set; }
        public string? Kind { get; set; } = nameof(ContactKind.Close);
        public Guid? ViaContactId { get; set; }
        public string? Exposure { get; set; }
        public DateTime? LastExposureAt { get; set; }
        public string? Quarantine { get; set; } = nameof(QuarantineKind.Home);
        public Guid? FacilityId { get; set; }
        public bool Share { get; set; } = true;
    }
}

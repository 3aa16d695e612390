using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.KeyPopulations;

public sealed class ResidentModel(KeyPopulationRegister register, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public CheckInForm Form { get; set; } = new();
    public KeyResidentRow Resident { get; private set; } = null!;
    public bool Escalated { get; private set; }

    public sealed class CheckInForm
    {
        public string? Method { get; set; } = "call";
        public double? Temperature { get; set; }
        public int? SpO2 { get; set; }
        public string? Symptoms { get; set; }
        public bool SevereSymptom { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageKeyPopulations)) return Forbidden();
        var row = await register.FindAsync(Id, ct);
        if (row is null) return NotFound();
        (Resident, Version) = (row, row.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageKeyPopulations)) return Forbidden();
        var outcome = await register.CheckInAsync(Id, Version, new CheckInInput(Form.Method, Form.Temperature, Form.SpO2, Form.Symptoms, Form.SevereSymptom), ct);
        var row = await register.FindAsync(Id, ct);
        if (row is null) return NotFound();
        Resident = row;
        return Show(outcome, after =>
        {
            Resident = after.Resident;
            ModelState.Clear();
            Version = after.Resident.Version;
            Form = new CheckInForm();
            Escalated = after.Escalated;
            return Page();
        });
    }
}

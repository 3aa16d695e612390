using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Facilities;

// Create or edit one facility. The same use cases as the API, so the same validation and scope rules.
public sealed class EditModel(FacilityRegistry registry, CurrentUser user) : PageModel
{
    [BindProperty] public FacilityForm Form { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public Guid? Id { get; private set; }
    public FieldErrors Errors { get; } = new();
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, string? division, CancellationToken ct)
    {
        if (!user.Has(Permission.EditFacilities)) return Forbid();
        Id = id;
        if (id is null)
        {
            Form.DivisionCode = division;
            return Page();
        }
        var facility = await registry.FindAsync(id.Value, ct);
        if (facility is null) return NotFound();
        Form = FacilityForm.From(facility);
        Version = facility.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!user.Has(Permission.EditFacilities)) return Forbid();
        Id = id;
        var outcome = id is null
            ? await registry.CreateAsync(Form.ToInput(), ct)
            : await registry.UpdateAsync(id.Value, Version, Form.ToInput(), ct);
        switch (outcome)
        {
            case WriteOutcome<Facility>.Done done:
                return Redirect($"/Facilities?division={done.Value.DivisionCode}&q={Uri.EscapeDataString(done.Value.Name)}");
            case WriteOutcome<Facility>.Invalid invalid:
                Copy(invalid.Errors);
                break;
            case WriteOutcome<Facility>.Forbidden forbidden:
                Copy(forbidden.Errors);
                break;
            case WriteOutcome<Facility>.Stale stale:
                Message = "form.stale";
                // The hidden field would otherwise re-render the posted, stale version from ModelState.
                ModelState.Remove(nameof(Version));
                Version = stale.CurrentVersion;
                break;
            default:
                return NotFound();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Copy(FieldErrors from)
    {
        foreach (var (field, messages) in from.All)
            foreach (var m in messages) Errors.Add(field, m);
    }

    public sealed class FacilityForm
    {
        public string? Kind { get; set; }
        public string? Name { get; set; }
        public string? DivisionCode { get; set; }
        public string? Address { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public string? Phone { get; set; }
        public int? Beds { get; set; }
        public int? IcuBeds { get; set; }
        public int? Ventilators { get; set; }
        public int? IsolationRooms { get; set; }
        public int? DailyVisits { get; set; }
        public int? StorageCubicMetres { get; set; }
        public int? DailyOutputUnits { get; set; }
        public int? Employees { get; set; }

        public FacilityInput ToInput() => new(Kind, Name, DivisionCode, Address, Latitude, Longitude, Phone,
            Beds, IcuBeds, Ventilators, IsolationRooms, DailyVisits, StorageCubicMetres, DailyOutputUnits, Employees);

        public static FacilityForm From(Facility f) => new()
        {
            Kind = f.Kind.ToString(), Name = f.Name, DivisionCode = f.DivisionCode, Address = f.Address,
            Latitude = f.Latitude, Longitude = f.Longitude, Phone = f.Phone, Beds = f.Beds, IcuBeds = f.IcuBeds,
            Ventilators = f.Ventilators, IsolationRooms = f.IsolationRooms, DailyVisits = f.DailyVisits,
            StorageCubicMetres = f.StorageCubicMetres, DailyOutputUnits = f.DailyOutputUnits, Employees = f.Employees,
        };
    }
}

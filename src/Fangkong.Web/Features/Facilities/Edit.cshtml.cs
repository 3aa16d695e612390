using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Facilities;

// Create or edit one facility. The same use cases as the API, so the same validation and scope rules.
public sealed class EditModel(FacilityRegistry registry, CurrentUser user) : Shared.RecordFormPage
{
    [BindProperty] public FacilityForm Form { get; set; } = new();
    public Guid? Id { get; private set; }

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
        return Show(outcome, v => Redirect($"/Facilities?division={v.DivisionCode}&q={Uri.EscapeDataString(v.Name)}"));
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

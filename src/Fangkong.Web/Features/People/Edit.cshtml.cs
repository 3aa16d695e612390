using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.People;

// Register or edit one person. An edit form is filled with the masked values, so the real ones never
// reach the browser; ReviseAsync keeps the stored value for every field that comes back masked.
public sealed class EditModel(PeopleRegistry registry, CurrentUser user) : Shared.RecordFormPage
{
    // 403 rather than Forbid(), which the cookie scheme turns into a 302 to its AccessDeniedPath, the login page.

    [BindProperty] public PersonForm Form { get; set; } = new();
    public Guid? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, string? division, CancellationToken ct)
    {
        if (!user.Has(Permission.EditPeople)) return Forbidden();
        Id = id;
        if (id is null)
        {
            Form.DivisionCode = division;
            return Page();
        }
        var person = await registry.FindAsync(id.Value, ct);
        if (person is null) return NotFound();
        Form = PersonForm.From(registry.Mask(person));
        Version = person.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!user.Has(Permission.EditPeople)) return Forbidden();
        Id = id;
        var outcome = id is null
            ? await registry.RegisterAsync(Form.ToInput(), ct)
            : await registry.ReviseAsync(id.Value, Version, Form.ToInput(), ct);
        return Show(outcome, v => Redirect($"/People/Details/{v.Id}"));
    }

    public sealed class PersonForm
    {
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? Address { get; set; }
        public string? DivisionCode { get; set; }

        public PersonInput ToInput() => new(Name, IdNumber, Phone, Address, DivisionCode);

        public static PersonForm From(PersonDto p) => new()
        {
            Name = p.Name, IdNumber = p.IdNumber, Phone = p.Phone, Address = p.Address, DivisionCode = p.DivisionCode,
        };
    }
}

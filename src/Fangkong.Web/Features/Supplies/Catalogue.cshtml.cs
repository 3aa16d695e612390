using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Supplies;

public sealed class CatalogueModel(Catalogue catalogue, CurrentUser user) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public ProductInput Form { get; set; } = new(null, null, null, null, null, 1, null, false, 0, true);
    public List<ProductDto> Products { get; private set; } = [];
    public bool CanEdit => user.Has(Permission.ManageCatalogue);
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewSupplies)) return Forbidden();
        if (Id is { } id && await catalogue.FindAsync(id, ct) is { } p)
        {
            Form = new ProductInput(p.Code, p.Name, p.Category.ToString(), p.Unit, p.PackSize, p.UnitsPerCourse, p.ReferencePrice, p.PrescriptionOnly,
                p.CoursesPerSymptomaticCase, p.Active);
            Version = p.Version;
        }
        Products = await catalogue.ListAsync(true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbidden();
        var outcome = Id is { } id ? await catalogue.UpdateAsync(id, Version, Form, ct) : await catalogue.CreateAsync(Form, ct);
        Products = await catalogue.ListAsync(true, ct);
        return Show(outcome, p => Redirect($"/Supplies/Catalogue?id={p.Id}&saved=1"));
    }
}

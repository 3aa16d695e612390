using System.Globalization;
using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.GroupOrders;

// Suppliers' packages with their price against the contents' reference prices; a supplier's side
// adds packages here, the contents typed one item a line ("西红柿, 1, kg, 6.00").
public sealed class PackagesModel(GroupOrderDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty] public Guid? SupplierId { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public decimal? Price { get; set; }
    [BindProperty] public string? Items { get; set; }
    public List<PackageView> Packages { get; private set; } = [];
    public List<SupplierView> Suppliers { get; private set; } = [];
    public bool Supplier => user.Has(Permission.SupplyGroupOrders);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Supplier && !user.Has(Permission.ManageCommunity)) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Supplier) return Forbidden();
        var outcome = await desk.OfferPackageAsync(new PackageInput(SupplierId, Code, Name, Kind, Price, ParseItems(Items)), ct);
        await LoadAsync(ct);
        return Show(outcome, _ => RedirectToPage());
    }

    // A line that does not parse keeps its text as the name and no numbers, so the use case names it.
    public static List<PackageItemInput> ParseItems(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var parts = line.Replace('，', ',').Split(',', StringSplitOptions.TrimEntries);
            decimal? Number(int i) => parts.Length > i && decimal.TryParse(parts[i], NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;
            return new PackageItemInput(parts[0], Number(1), parts.Length > 2 ? parts[2] : null, Number(3));
        })];

    private async Task LoadAsync(CancellationToken ct)
    {
        Packages = await desk.PackagesAsync(null, Supplier, ct);
        Suppliers = await desk.SuppliersAsync(ct);
        if (user.Jurisdiction.FacilityId is { } own) Suppliers = [.. Suppliers.Where(s => s.Id == own)];
        SupplierId ??= Suppliers.Count == 1 ? Suppliers[0].Id : null;
    }
}

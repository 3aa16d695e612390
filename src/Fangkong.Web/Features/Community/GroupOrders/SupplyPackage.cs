namespace Fangkong.Web.Features.Community.GroupOrders;

public enum PackageKind { Vegetables = 1, MeatPoultryEggs = 2, RiceFlourOil = 3, MotherAndBaby = 4, Other = 9 }

// A supplier's package for sealed compounds (蔬菜包, 肉禽蛋包 …): a fixed list of items at one price.
// The reference price is what the same items cost at their reference prices, so a package priced far
// above its contents is flagged where residents order it.
public sealed class SupplyPackage
{
    private SupplyPackage() { }

    public static SupplyPackage Offer(Guid supplierId, string supplierDivisionCode, string code, string name, PackageKind kind, decimal price,
        IReadOnlyList<PackageItem> items, string? by, DateTime nowUtc)
    {
        var package = new SupplyPackage
        {
            Id = Guid.CreateVersion7(), DistrictCode = supplierDivisionCode[..6], SupplierId = supplierId, SupplierDivisionCode = supplierDivisionCode,
            Code = code, CreatedBy = by, CreatedAt = nowUtc, Active = true, Version = 1,
        };
        package.Apply(name, kind, price, items, nowUtc);
        return package;
    }

    public string DistrictCode { get; private set; } = "";
    public Guid Id { get; private set; }
    public Guid SupplierId { get; private set; }
    public string SupplierDivisionCode { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public PackageKind Kind { get; private set; }
    public decimal Price { get; private set; }
    // Σ quantity × reference unit price of the contents, kept with the contents it was computed from.
    public decimal ReferencePrice { get; private set; }
    public List<PackageItem> Items { get; private set; } = [];
    public bool Active { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public void Revise(string name, PackageKind kind, decimal price, IReadOnlyList<PackageItem> items, bool active, DateTime nowUtc)
    {
        Apply(name, kind, price, items, nowUtc);
        Active = active;
        Version++;
    }

    // Above the reference by more than the margin (e.g. 0.15 = 15 %).
    public static bool AboveReference(decimal price, decimal reference, decimal margin) => reference > 0 && price > reference * (1 + margin);

    public static decimal? MarkupPercent(decimal price, decimal reference) =>
        reference > 0 ? Math.Round((price - reference) / reference * 100, 1) : null;

    private void Apply(string name, PackageKind kind, decimal price, IReadOnlyList<PackageItem> items, DateTime nowUtc)
    {
        Name = name;
        Kind = kind;
        Price = price;
        Items = [.. items];
        ReferencePrice = Math.Round(items.Sum(i => i.Quantity * i.ReferenceUnitPrice), 2);
        UpdatedAt = nowUtc;
    }
}

// One line of a package's contents: "西红柿 1 kg at 6.00 元/kg".
public sealed record PackageItem(string Name, decimal Quantity, string Unit, decimal ReferenceUnitPrice);

namespace Fangkong.Web.Features.Supplies;

public enum ProductCategory
{
    Antipyretic = 1,
    Antiviral = 2,
    ChinesePatentMedicine = 3,
    AntigenTest = 4,
    Mask = 5,
    ProtectiveSuit = 6,
    OxygenConcentrator = 7,
    PulseOximeter = 8,
    Other = 9,
}

// A catalogue entry. Every quantity in the ledger, the plans and the orders counts whole Units (the
// dispensing unit: a box of tablets, one test, one mask); PackSize is how many units travel in one
// carton, UnitsPerCourse how many units one patient's course takes (need is computed in courses).
public sealed class Product
{
    private Product() { }

    public static Product Create(Guid id, string code, string name, ProductCategory category, string unit, int packSize,
        int unitsPerCourse, decimal? referencePrice, bool prescriptionOnly, double coursesPerSymptomaticCase, DateTime nowUtc)
    {
        var product = new Product { Id = id, Code = code, CreatedAt = nowUtc, Version = 1, Active = true };
        product.Apply(name, category, unit, packSize, unitsPerCourse, referencePrice, prescriptionOnly, coursesPerSymptomaticCase, nowUtc);
        return product;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ProductCategory Category { get; private set; }
    public string Unit { get; private set; } = "";
    public int PackSize { get; private set; }
    public int UnitsPerCourse { get; private set; }
    // Yuan per unit; the price watch flags sales above it by more than the configured margin.
    public decimal? ReferencePrice { get; private set; }
    public bool PrescriptionOnly { get; private set; }
    // How many courses one symptomatic case needs (0 when the forecast does not drive this product).
    public double CoursesPerSymptomaticCase { get; private set; }
    public bool Active { get; private set; }
    public int Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Revise(string name, ProductCategory category, string unit, int packSize, int unitsPerCourse,
        decimal? referencePrice, bool prescriptionOnly, double coursesPerSymptomaticCase, bool active, DateTime nowUtc)
    {
        Apply(name, category, unit, packSize, unitsPerCourse, referencePrice, prescriptionOnly, coursesPerSymptomaticCase, nowUtc);
        Active = active;
        Version++;
    }

    private void Apply(string name, ProductCategory category, string unit, int packSize, int unitsPerCourse,
        decimal? referencePrice, bool prescriptionOnly, double coursesPerSymptomaticCase, DateTime nowUtc)
    {
        Name = name;
        Category = category;
        Unit = unit;
        PackSize = packSize;
        UnitsPerCourse = unitsPerCourse;
        ReferencePrice = referencePrice;
        PrescriptionOnly = prescriptionOnly;
        CoursesPerSymptomaticCase = coursesPerSymptomaticCase;
        UpdatedAt = nowUtc;
    }
}

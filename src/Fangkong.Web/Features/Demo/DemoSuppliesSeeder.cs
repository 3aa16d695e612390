using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Supplies;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// The demo city's supplies: the catalogue of the issue (antipyretics, antivirals, a Chinese patent
// medicine, antigen tests, masks, suits, oxygen concentrators, oximeters, with 2022 reference
// prices), opening stock at every stock node and a week of dispensing at the sites, so days of
// supply and need-from-consumption have history. Ibuprofen is deliberately short: the warehouses and
// manufacturers hold about 60 % of what the sites will need over the default horizon, which is the
// situation of December 2022 the allocation engine is for. Deterministic; clearly demo data.
public sealed class DemoSuppliesSeeder(FangkongDb db, TimeProvider clock, ILogger<DemoSuppliesSeeder> logger)
{
    public const int HistoryDays = 7;

    public sealed record DemoProduct(string Code, string Name, ProductCategory Category, string Unit, int PackSize, int UnitsPerCourse,
        decimal ReferencePrice, bool PrescriptionOnly, double CoursesPerCase);

    public static readonly DemoProduct[] Products =
    [
        new("IBU-300", "布洛芬缓释胶囊 0.3g×20粒", ProductCategory.Antipyretic, "盒", 200, 1, 18.50m, false, 0.6),
        new("APAP-500", "对乙酰氨基酚片 0.5g×12片", ProductCategory.Antipyretic, "盒", 300, 1, 9.80m, false, 0.4),
        new("NMV-R", "奈玛特韦片/利托那韦片组合包装", ProductCategory.Antiviral, "盒", 50, 1, 1890.00m, true, 0.12),
        new("AZV-1", "阿兹夫定片 1mg×35片", ProductCategory.Antiviral, "瓶", 100, 1, 270.00m, true, 0.05),
        new("LHQW-24", "连花清瘟胶囊 0.35g×24粒", ProductCategory.ChinesePatentMedicine, "盒", 200, 2, 14.80m, false, 0.3),
        new("AG-1", "新型冠状病毒抗原检测试剂盒（单人份）", ProductCategory.AntigenTest, "人份", 500, 1, 3.50m, false, 2.0),
        new("N95-1860", "N95 医用防护口罩", ProductCategory.Mask, "只", 600, 1, 2.80m, false, 0),
        new("PPE-1", "医用一次性防护服", ProductCategory.ProtectiveSuit, "套", 100, 1, 35.00m, false, 0),
        new("O2C-5L", "医用分子筛制氧机 5L", ProductCategory.OxygenConcentrator, "台", 1, 1, 3200.00m, false, 0),
        new("SPO2-F", "指夹式脉搏血氧仪", ProductCategory.PulseOximeter, "个", 100, 1, 129.00m, false, 0),
    ];

    // What each kind of node stocks, and a week's typical dispensing per site (units per day) for
    // the products sites hand out day by day.
    private static string[] Stocked(FacilityKind kind) => kind switch
    {
        FacilityKind.Pharmacy => ["IBU-300", "APAP-500", "LHQW-24", "AG-1", "N95-1860", "SPO2-F"],
        FacilityKind.FeverClinic => ["IBU-300", "APAP-500", "NMV-R", "AZV-1", "AG-1", "N95-1860", "PPE-1"],
        FacilityKind.CommunityHealthCentre => ["IBU-300", "APAP-500", "NMV-R", "LHQW-24", "AG-1", "N95-1860", "PPE-1", "O2C-5L", "SPO2-F"],
        _ => [.. Products.Select(p => p.Code)],
    };

    private static int DailyUse(FacilityKind kind, string code) => (kind, code) switch
    {
        (FacilityKind.Pharmacy, "IBU-300") => 30,
        (FacilityKind.Pharmacy, "APAP-500") => 20,
        (FacilityKind.Pharmacy, "AG-1") => 60,
        (FacilityKind.CommunityHealthCentre, "IBU-300") => 120,
        (FacilityKind.CommunityHealthCentre, "APAP-500") => 80,
        (FacilityKind.CommunityHealthCentre, "AG-1") => 150,
        (FacilityKind.FeverClinic, "IBU-300") => 60,
        (FacilityKind.FeverClinic, "APAP-500") => 40,
        (FacilityKind.FeverClinic, "AG-1") => 100,
        (FacilityKind.DesignatedHospital or FacilityKind.GeneralHospital, "IBU-300") => 150,
        (FacilityKind.DesignatedHospital or FacilityKind.GeneralHospital, "APAP-500") => 100,
        (FacilityKind.DesignatedHospital or FacilityKind.GeneralHospital, "AG-1") => 200,
        _ => 0,
    };

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        if (await db.Products.AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var products = Products.Select(p => Product.Create(Guid.CreateVersion7(), p.Code, p.Name, p.Category, p.Unit, p.PackSize,
            p.UnitsPerCourse, p.ReferencePrice, p.PrescriptionOnly, p.CoursesPerCase, now)).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(ct);
        var byCode = products.ToDictionary(p => p.Code);

        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var nodes = await db.Facilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.DivisionCode.StartsWith(cityCode) && StockLedger.StockNodeKinds.Contains(f.Kind))
            .OrderBy(f => f.Id).ToListAsync(ct);
        var random = new SplitMix64(0x5EED5u ^ ulong.Parse(cityCode, System.Globalization.CultureInfo.InvariantCulture));
        var today = DateOnly.FromDateTime(now);
        // Opening stock a little over a week ago; then one dispensing a day, the last one an hour
        // short of a day ago, so the whole week lies inside the days-of-supply window.
        var opened = now.AddDays(-HistoryDays - 1);
        var lots = new List<StockLot>();
        var movements = new List<StockMovement>();

        // Sources first: what the sites will need of ibuprofen over 10 days, times 0.6, spread over them.
        var sources = nodes.Where(f => f.Kind is FacilityKind.DrugWarehouse or FacilityKind.Manufacturer).ToList();
        var sites = nodes.Except(sources).ToList();
        var ibuprofenNeed = sites.Sum(s => DailyUse(s.Kind, "IBU-300") * 10L);
        foreach (var source in sources)
        {
            foreach (var product in products)
            {
                var units = product.Code == "IBU-300"
                    ? ibuprofenNeed * 6 / 10 / sources.Count
                    : product.Category is ProductCategory.OxygenConcentrator ? 200 + random.Next(300) : 50_000 + random.Next(150_000);
                Open(source, product, $"L{today:yyMM}{random.Next(100, 999)}", today.AddMonths(12 + random.Next(18)), units, []);
            }
        }

        foreach (var site in sites)
        {
            foreach (var code in Stocked(site.Kind))
            {
                var product = byCode[code];
                var use = DailyUse(site.Kind, code);
                var days = Enumerable.Range(0, HistoryDays).Select(_ => use == 0 ? 0 : (long)Math.Round(use * (0.7 + 0.6 * random.NextDouble()))).ToArray();
                // Ibuprofen: a day or two left; other products: one to three weeks.
                var onHand = code == "IBU-300" ? use * (1 + random.Next(2)) : Math.Max(use, 5) * (7 + random.Next(14));
                Open(site, product, $"L{today:yyMM}{random.Next(100, 999)}", today.AddMonths(6 + random.Next(18)), onHand, days);
            }
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.StockLots.AddRange(lots);
        foreach (var chunk in movements.Chunk(5000))
        {
            db.StockMovements.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation("Seeded the demo catalogue ({Products} products), {Lots} stock lots and {Movements} movements.", products.Count, lots.Count, movements.Count);
        return movements.Count;

        // A lot received before the week of history, then dispensed day by day down to onHand.
        void Open(Facility node, Product product, string lotNumber, DateOnly expiry, long onHand, long[] dispensed)
        {
            var balance = onHand + dispensed.Sum();
            lots.Add(StockLot.Seeded(node.Id, node.DivisionCode, node.DistrictCode, product.Id, lotNumber, expiry, onHand));
            movements.Add(StockMovement.Record(Guid.CreateVersion7(), node.Id, node.DivisionCode, node.DistrictCode, product.Id, lotNumber, expiry,
                balance, node.Kind == FacilityKind.Manufacturer ? MovementReason.Produced : MovementReason.Receipt, null, null, "演示期初库存 / demo opening stock",
                "demo", opened, balance));
            for (var d = 0; d < dispensed.Length; d++)
            {
                if (dispensed[d] == 0) continue;
                balance -= dispensed[d];
                movements.Add(StockMovement.Record(Guid.CreateVersion7(), node.Id, node.DivisionCode, node.DistrictCode, product.Id, lotNumber, expiry,
                    -dispensed[d], MovementReason.Dispensed, null, null, null, "demo", now.AddDays(d - HistoryDays).AddHours(1), balance));
            }
        }
    }
}

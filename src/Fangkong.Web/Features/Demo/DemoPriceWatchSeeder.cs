using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.PriceWatch;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// A morning of pharmacy sales in the demo city: ordinary sales at three pharmacies and one clearly
// overpriced box of ibuprofen (IBU-300, reference 18.50 yuan, sold at 58.00) at the pharmacy the demo
// `pharmacy` account belongs to. They go through the real reporting path, so the price rule raises
// the open flag the review list shows. Buyers are synthetic, valid GB 11643 numbers. Idempotent.
public sealed class DemoPriceWatchSeeder(FangkongDb db, PriceWatchService watch, TimeProvider clock, ILogger<DemoPriceWatchSeeder> logger)
{
    public const string OverpricedProduct = "IBU-300";
    public const decimal OverpricedUnitPrice = 58.00m;

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (!watch.ReportingEnabled || await db.PharmacySales.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        if (!await db.Products.AnyAsync(p => p.Code == OverpricedProduct, ct)) return 0;
        // The same choice as the demo pharmacist's account: the first pharmacy of the city by name.
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var pharmacies = await db.Facilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.Kind == FacilityKind.Pharmacy && f.DivisionCode.StartsWith(cityCode))
            .OrderBy(f => f.Name).Select(f => f.Id).Take(3).ToListAsync(ct);
        if (pharmacies.Count == 0) return 0;

        var morning = clock.GetUtcNow().UtcDateTime.AddHours(-3);
        const string region = "310104"; // the buyers' registered region (any real GB/T 2260 code will do)
        var sales = new List<SaleInput>();
        var ordinary = new (string Code, long Quantity, decimal Price)[]
        {
            ("IBU-300", 1, 18.50m), ("APAP-500", 2, 9.80m), ("AG-1", 5, 3.50m), ("N95-1860", 10, 2.80m), ("IBU-300", 1, 19.00m), ("APAP-500", 1, 9.50m),
        };
        for (var i = 0; i < ordinary.Length; i++)
        {
            var (code, quantity, price) = ordinary[i];
            sales.Add(new SaleInput(pharmacies[i % pharmacies.Count], null, code, quantity, price, Buyer(region, i), morning.AddMinutes(17 * i)));
        }
        sales.Add(new SaleInput(pharmacies[0], null, OverpricedProduct, 2, OverpricedUnitPrice, Buyer(region, 90), morning.AddMinutes(130)));

        var outcome = await watch.ReportAsync(new SalesReport(sales, true), ct);
        if (outcome is not WriteOutcome<SalesAccepted>.Done done)
            throw new InvalidOperationException($"Demo pharmacy sales were refused: {outcome}");
        logger.LogInformation("Seeded {Count} demo pharmacy sales, one of them overpriced.", done.Value.Accepted);
        return done.Value.Accepted;
    }

    private static string Buyer(string region, int n)
    {
        var first17 = $"{region}{1960 + n % 40:D4}{1 + n % 12:D2}{1 + n % 28:D2}{100 + n:D3}";
        return first17 + ResidentIdNumber.CheckDigit(first17);
    }
}

using System.Globalization;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Surveillance;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Supplies;

// Run-out warnings: a division (each district of a city, or the district itself) whose sites hold
// fewer days of a product than the thresholds, at the last week's dispensing. Shown beside the
// surveillance bed warnings, in the same shape, so the command sees one list.
public sealed class SupplyWarnings(FangkongDb db, StockQueries stock, DivisionDirectory divisions, UiText text, TimeProvider clock,
    IOptions<SupplyOptions> options)
{
    public async Task<List<Warning>> WarningsAsync(string code, CancellationToken ct)
    {
        var division = await divisions.GetAsync(code, ct);
        if (division is null) return [];
        // Street level and below: the district's figure (sites are too few below it to mean much).
        var scope = code.Length > 6 ? code[..6] : code;
        var products = await db.Products.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Code).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        var o = options.Value;
        var warnings = new List<Warning>();
        var boards = await stock.DaysOfSupplyByDivisionAsync(products.Select(p => p.Id).ToList(), scope, ct);
        List<DivisionSupply> AreasOf(DivisionSupplyBoard board) => scope.Length <= 4 ? [.. board.Children] : [board.Total];
        var names = await divisions.NamesAsync(boards.SelectMany(AreasOf).Select(a => a.DivisionCode).Distinct().ToList(), ct);
        foreach (var (product, board) in products.Zip(boards))
        {
            foreach (var area in AreasOf(board))
            {
                if (area.DaysOfSupply is not { } days || days >= o.WarningDaysOfSupply) continue;
                var severity = days < o.CriticalDaysOfSupply ? "critical" : days < o.HighDaysOfSupply ? "high" : "warning";
                var name = names.GetValueOrDefault(area.DivisionCode, area.DivisionCode);
                var daysText = days.ToString("0.0", CultureInfo.InvariantCulture);
                warnings.Add(new Warning(severity, "stock:" + product.Code, area.DivisionCode, name, today.AddDays((int)Math.Floor(days)),
                    (int)Math.Ceiling(days), area.DailyDispensed, area.OnHand,
                    text["supplyWarning.title", name, product.Name, daysText],
                    text["supplyWarning.evidence", area.OnHand.ToString("N0", CultureInfo.CurrentCulture), product.Unit,
                        area.DailyDispensed.ToString("N0", CultureInfo.CurrentCulture), stock.WindowDays, area.Sites, area.SitesWithoutStock],
                    $"/Supplies?division={area.DivisionCode}&productId={product.Id}"));
            }
        }
        return warnings;
    }
}

using Fangkong.Web.Features.Community.Requests;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Community.Sharing;

public sealed record CommitteeMedicineDemand(string CommitteeCode, long Units, int Asks, int Requests);

// The community's read side for the supplies module's view of need: what a committee's residents
// still wait for of one medicine. Unmatched sharing asks count with their quantity (the product, or
// the same name typed in); open or assigned resident medicine requests are free text without a
// quantity, so one that names the medicine (its generic name, e.g. 布洛芬 for 布洛芬缓释胶囊 0.3g×20粒)
// counts as one course. Read through the jurisdiction filter like every other read.
public sealed class CommunityMedicineDemand(FangkongDb db)
{
    private static readonly string[] DosageForms = ["缓释胶囊", "缓释片", "胶囊", "颗粒", "口服液", "注射液", "片", "丸", "散"];

    public async Task<List<CommitteeMedicineDemand>> OpenAsync(Guid productId, string productName, int unitsPerCourse, string scope, CancellationToken ct)
    {
        var asks = await db.MedicineAsks.AsNoTracking()
            .Where(a => a.Status == AskStatus.Open && a.DivisionCode.StartsWith(scope) && (a.ProductId == productId || (a.ProductId == null && a.ProductName == productName)))
            .GroupBy(a => a.DivisionCode).Select(g => new { g.Key, Units = g.Sum(a => a.Quantity), Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, ct);
        var stem = GenericName(productName);
        var requests = stem.Length < 2 ? [] : await db.ResidentRequests.AsNoTracking()
            .Where(r => r.Kind == RequestKind.Medicine && (r.Status == RequestStatus.Open || r.Status == RequestStatus.Assigned)
                && r.DivisionCode.StartsWith(scope) && r.Description.Contains(stem))
            .GroupBy(r => r.DivisionCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var course = Math.Max(1, unitsPerCourse);
        return [.. asks.Keys.Union(requests.Keys).Order(StringComparer.Ordinal).Select(committee =>
        {
            var a = asks.GetValueOrDefault(committee);
            var r = requests.GetValueOrDefault(committee);
            return new CommitteeMedicineDemand(committee, (a?.Units ?? 0) + (long)r * course, a?.Count ?? 0, r);
        })];
    }

    // The leading Chinese run of the name without its dosage form: 布洛芬缓释胶囊 0.3g → 布洛芬,
    // 奈玛特韦片/利托那韦片组合包装 → 奈玛特韦. Names that do not start in Chinese are kept whole up to a space.
    public static string GenericName(string productName)
    {
        var name = productName.Trim();
        var end = 0;
        while (end < name.Length && name[end] >= '\u4e00' && name[end] <= '\u9fff') end++;
        if (end == 0) return name.Split(' ', 2)[0];
        var stem = name[..end];
        foreach (var form in DosageForms)
            if (stem.Length > form.Length + 1 && stem.EndsWith(form, StringComparison.Ordinal)) return stem[..^form.Length];
        return stem;
    }
}

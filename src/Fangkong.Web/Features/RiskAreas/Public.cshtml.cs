using Fangkong.Web.Platform.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.RiskAreas;

// The published list (社会公布): areas above the default level by district, with the date each began,
// for anyone — and as a spreadsheet for the press office. Places only, never people.
[AllowAnonymous]
public sealed class PublicModel(RiskAreaPublication publication) : PageModel
{
    public PublishedList? List { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => List = await publication.ListAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var list = await publication.ListAsync(ct);
        var stream = new MemoryStream();
        await SheetFiles.WriteXlsxAsync(stream, [new SheetFiles.XlsxSheet("风险区域", ["区 District", "街镇 Street", "居委 Committee", "代码 Code", "等级 Level", "起始 Since"],
            Rows(list), [14, 22, 26, 16, 12, 12])], ct);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"risk-areas-{list.Day:yyyyMMdd}.xlsx");
    }

    private static async IAsyncEnumerable<object?[]> Rows(PublishedList list)
    {
        foreach (var a in list.Areas) yield return [a.DistrictName, a.StreetName, a.CommitteeName, a.DivisionCode, a.LevelName, a.Since.ToString("yyyy-MM-dd")];
        await Task.CompletedTask;
    }
}

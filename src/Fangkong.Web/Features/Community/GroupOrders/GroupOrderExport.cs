using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Files;

namespace Fangkong.Web.Features.Community.GroupOrders;

// The delivery schedule as a spreadsheet for the supplier's drivers and the committees' volunteers:
// the orders the caller may see (the jurisdiction filter applies), by day and slot, with why each
// came where it did. Compounds and package counts only; no household appears in it.
public sealed class GroupOrderExport(GroupOrderDesk desk, CurrentUser user, AuditLog audit)
{
    private static readonly string[][] Headers =
    [
        ["日期", "时段", "小区", "居委会代码", "供应商", "团长", "份数", "金额（元）", "状态", "排序原因"],
        ["日期", "時段", "小區", "居委會代碼", "供應商", "團長", "份數", "金額（元）", "狀態", "排序原因"],
        ["Day", "Slot", "Compound", "Committee", "Supplier", "Group leader", "Packages", "Amount (yuan)", "Status", "Why this place"],
    ];

    public async Task<(byte[] Content, int Rows)> ScheduleXlsxAsync(DateOnly from, int days, int language, CancellationToken ct)
    {
        var orders = await desk.ScheduledAsync(from, days, ct);
        var rows = orders.Select(o => new object?[]
        {
            o.ScheduledDate?.ToString("yyyy-MM-dd"), o.SlotLabel, o.CompoundLabel, o.DivisionCode, o.SupplierName, o.Organizer, o.Packages,
            (double)o.Amount, o.Status, o.ScheduleReason,
        }).ToList();
        using var buffer = new MemoryStream();
        var header = Headers[Math.Clamp(language, 0, 2)];
        await SheetFiles.WriteXlsxAsync(buffer, [new SheetFiles.XlsxSheet(language == 2 ? "Schedule" : "配送排程", header, rows.ToAsyncEnumerable(),
            [12, 14, 24, 16, 28, 16, 10, 12, 14, 60])], ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.grouporder.export", AuditOutcome.Success, "groupOrder", null,
            $"schedule from {from:yyyy-MM-dd} days={days} rows={rows.Count}"), ct);
        return (buffer.ToArray(), rows.Count);
    }
}

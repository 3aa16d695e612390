using System.Globalization;
using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Files;
using Fangkong.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.GroupOrders;

// The delivery schedule: a week of days and slots for the orders in scope. The supplier's side runs
// the scheduler over its confirmed orders and states its daily capacity; either side exports it.
public sealed class ScheduleModel(GroupOrderDesk desk, GroupOrderExport export, CurrentUser user, TimeProvider clock) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty] public Guid? SupplierId { get; set; }
    [BindProperty] public int? DailyPackages { get; set; }
    public List<OrderView> Orders { get; private set; } = [];
    public List<SupplierView> Suppliers { get; private set; } = [];
    public ScheduleResult? Result { get; private set; }
    public bool Supplier => user.Has(Permission.SupplyGroupOrders);
    public DateOnly Start => From ?? ChinaTime.Today(clock);
    public const int Days = 7;

    private bool Allowed => Supplier || user.Has(Permission.ManageCommunity);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!Allowed) return Forbidden();
        var (content, _) = await export.ScheduleXlsxAsync(Start, Days, UiText.IndexOf(CultureInfo.CurrentUICulture), ct);
        return File(content, SheetFiles.XlsxContentType, $"group-order-schedule-{Start:yyyyMMdd}.xlsx");
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct)
    {
        if (!Supplier) return Forbidden();
        var outcome = await desk.ScheduleAsync(new ScheduleInput(SupplierId, null), ct);
        await LoadAsync(ct);
        return Show(outcome, r =>
        {
            Result = r;
            return Page();
        });
    }

    public async Task<IActionResult> OnPostCapacityAsync(CancellationToken ct)
    {
        if (!Supplier) return Forbidden();
        var outcome = SupplierId is { } id
            ? await desk.SetCapacityAsync(id, new CapacityInput(DailyPackages), ct)
            : new Platform.Api.WriteOutcome<SupplierView>.Invalid(new Platform.Api.FieldErrors().Add("supplierId", "必填 / required"));
        await LoadAsync(ct);
        return Show(outcome, _ => RedirectToPage());
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Orders = await desk.ScheduledAsync(Start, Days, ct);
        Suppliers = await desk.SuppliersAsync(ct);
        // A supplier's own account manages only itself.
        if (user.Jurisdiction.FacilityId is { } own) Suppliers = [.. Suppliers.Where(s => s.Id == own)];
        SupplierId ??= Suppliers.Count == 1 ? Suppliers[0].Id : null;
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Surveillance;

// Enter (or correct) one division's report for one day. Saving again replaces the day's figures.
public sealed class ReportModel(DailyReportService reports, CurrentUser user, TimeProvider clock) : RecordFormPage
{
    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty] public DailyReportInput Input { get; set; } = new(null, null, null, null, null, null, null, null);
    public string? Saved { get; private set; }

    public IActionResult OnGet()
    {
        if (!user.Has(Permission.EditReports)) return Forbidden();
        Date ??= ChinaTime.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.EditReports)) return Forbidden();
        if (Date is null)
        {
            Errors.Add("date", "请填写日期 / the date is required");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await reports.RecordAsync(Division?.Trim() ?? "", Date.Value, Input, ct);
        return Show(outcome, saved =>
        {
            Saved = $"{saved.DivisionCode} {saved.Date:yyyy-MM-dd}: {saved.NewInfections}";
            return Page();
        });
    }
}

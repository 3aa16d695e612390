using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Surveillance;

public sealed record DailyReportInput(int? Asymptomatic, int? Mild, int? Moderate, int? Severe, int? Critical, int? Imported, int? Recovered, int? Died);

public sealed record DailyReportDto(string DivisionCode, DateOnly Date, int Asymptomatic, int Mild, int Moderate, int Severe, int Critical,
    int Imported, int Recovered, int Died, int NewInfections)
{
    public static DailyReportDto From(DailyReport r) => new(r.DivisionCode, r.Date, r.Asymptomatic, r.Mild, r.Moderate, r.Severe, r.Critical,
        r.Imported, r.Recovered, r.Died, r.NewInfections);
}

// One division's report for one day, entered in the form or by API; saving again replaces it.
public sealed class DailyReportService(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public async Task<WriteOutcome<DailyReportDto>> RecordAsync(string code, DateOnly date, DailyReportInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        int Count(string field, int? value)
        {
            if (value is < 0 or > 1_000_000) errors.Add(field, "须为 0 到 1000000 的整数 / must be 0–1,000,000");
            return value ?? 0;
        }
        var counts = new SeverityCounts(Count("asymptomatic", input.Asymptomatic), Count("mild", input.Mild), Count("moderate", input.Moderate),
            Count("severe", input.Severe), Count("critical", input.Critical));
        var imported = Count("imported", input.Imported);
        var recovered = Count("recovered", input.Recovered);
        var died = Count("died", input.Died);
        if (imported > counts.Total) errors.Add("imported", "境外输入多于新增感染 / more imported than new infections");
        if (date > ChinaTime.Today(clock)) errors.Add("date", "日期在未来 / the date is in the future");
        if (!DivisionCodes.IsWellFormed(code) || code.Length < 6 || !await db.Divisions.AnyAsync(d => d.Code == code, ct))
            errors.Add("divisionCode", "区划代码不存在或高于区县级 / unknown division, or above district level");
        if (errors.Any) return new WriteOutcome<DailyReportDto>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(code))
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("report.write", AuditOutcome.Denied, "division", code, "outside jurisdiction"), ct);
            return new WriteOutcome<DailyReportDto>.Forbidden(errors.Add("divisionCode", "不在您的管辖范围内 / outside your jurisdiction"));
        }
        // A report for a division whose parent or child already reported that day would count twice.
        var district = DivisionCodes.DistrictOf(code);
        // unscoped: aggregate daily counts (no personal data); an enclosing or enclosed division's report of the day must be seen to refuse double counting
        var sameDay = await db.DailyReports.IgnoreQueryFilters().Where(r => r.DistrictCode == district && r.Date == date).ToListAsync(ct);
        var clash = sameDay.FirstOrDefault(r => r.DivisionCode != code && (r.DivisionCode.StartsWith(code, StringComparison.Ordinal) || code.StartsWith(r.DivisionCode, StringComparison.Ordinal)));
        if (clash is not null)
            return new WriteOutcome<DailyReportDto>.Invalid(errors.Add("divisionCode", $"同日已有 {clash.DivisionCode} 的报告，上下级不能同时填报 / {clash.DivisionCode} already reported that day"));
        var report = sameDay.FirstOrDefault(r => r.DivisionCode == code);
        var now = clock.GetUtcNow().UtcDateTime;
        if (report is null) db.DailyReports.Add(report = new DailyReport(code, date, counts, imported, recovered, died, now));
        else report.Record(counts, imported, recovered, died, now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("report.record", AuditOutcome.Success, "dailyReport", $"{code}/{date:yyyy-MM-dd}"), ct);
        return new WriteOutcome<DailyReportDto>.Done(DailyReportDto.From(report));
    }
}

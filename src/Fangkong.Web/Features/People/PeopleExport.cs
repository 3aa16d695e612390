using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Files;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.People;

// CSV export of the people in the caller's jurisdiction. Masked by default; the full values need the
// reveal right on top of the export right, and a stated reason. Either way the export is audited with
// its row count before the first byte leaves.
public static class PeopleExport
{
    private static readonly string[] Header = ["姓名/name", "身份证号/idNumber", "性别/sex", "年龄/age", "电话/phone", "地址/address", "区划代码/divisionCode"];

    public static IEndpointRouteBuilder MapPeopleExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/people/export", async (string? division, bool? unmasked, string? reason, PeopleRegistry registry,
            CurrentUser user, AuditLog audit, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var full = unmasked == true;
            if (full)
            {
                if (!user.Has(Permission.RevealPersonalData))
                {
                    await audit.AppendAsync(user.Actor, new AuditEvent("person.export", AuditOutcome.Denied, "person", null, "unmasked export without the reveal right"), ct);
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权导出完整个人信息 / Your role may not export unmasked personal data");
                }
                if ((reason?.Trim().Length ?? 0) < 4)
                    return new FieldErrors().Add("reason", "导出完整信息须说明原因（至少 4 个字）/ state why (at least 4 characters)").ToProblem();
            }
            var query = registry.Query(new PersonFilter(division, null)).OrderBy(p => p.DivisionCode).ThenBy(p => p.Name).ThenBy(p => p.Id);
            var rows = await query.CountAsync(ct);
            await audit.AppendAsync(user.Actor, new AuditEvent("person.export", AuditOutcome.Success, "person", null,
                $"format=csv; masked={!full}; division={division}; rows={rows}{(full ? "; reason=" + reason!.Trim() : "")}"), ct);
            var today = ChinaTime.Today(clock);
            return Results.Stream(body => SheetFiles.WriteCsvAsync(body, Header, query.AsAsyncEnumerable(), p => full
                    ? [p.Name, p.IdNumber, p.Sex.ToString(), PersonDto.AgeOn(p.BirthDate, today), p.Phone, p.Address, p.DivisionCode]
                    : [p.Name, Masking.IdNumber(p.IdNumber), p.Sex.ToString(), PersonDto.AgeOn(p.BirthDate, today),
                       p.Phone is null ? null : Masking.Phone(p.Phone), p.Address is null ? null : Masking.Address(p.Address), p.DivisionCode],
                    http.RequestAborted),
                SheetFiles.CsvContentType, $"people-{today:yyyyMMdd}.csv");
        })
        .RequirePermission(Permission.ExportPeople)
        .WithTags("People")
        .WithSummary("Export the people in your jurisdiction as CSV (masked unless unmasked=true with a reason)");
        return app;
    }
}

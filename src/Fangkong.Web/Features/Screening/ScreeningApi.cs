using Fangkong.Core.Privacy;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Files;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Fangkong.Web.Features.Screening;

public sealed record RevealInput(string? Field, string? Reason);

public static class ScreeningApi
{
    // A city-wide sampling file: 25 million rows of ~90 bytes.
    public const long MaxSampleUpload = 4L * 1024 * 1024 * 1024;

    public static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddScoped<ScreeningRounds>();
        services.AddScoped<SampleIngest>();
        services.AddScoped<LabResults>();
        services.AddScoped<PositivePools>();
        services.AddScoped<Completion>();
        services.AddScoped<IHealthStatusContributor, ScreeningHealthStatus>();
        services.AddScoped<Features.Demo.DemoScreeningSeeder>();
        services.AddOptions<ScreeningOptions>().BindConfiguration("Screening");
        return services;
    }

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");

    public static IEndpointRouteBuilder MapScreeningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/screening").WithTags("Screening");

        api.MapGet("/rounds", async (ScreeningRounds rounds, CancellationToken ct) => Results.Ok(await rounds.ListAsync(ct)))
            .RequirePermission(Permission.ViewScreening);

        api.MapPost("/rounds", async (RoundInput input, ScreeningRounds rounds, CancellationToken ct) =>
            (await rounds.OpenAsync(input, ct)).ToHttp(r => Results.Created($"/api/screening/rounds/{r.Id}", new { r.Id, r.AreaCode, r.Name, r.Version })))
            .RequirePermission(Permission.ManageScreening).Idempotent();

        api.MapGet("/rounds/{id:int}", async (int id, ScreeningRounds rounds, HttpContext http, CancellationToken ct) =>
        {
            var summary = await rounds.SummaryAsync(id, ct);
            if (summary is null) return NotFound();
            Versioning.SetETag(http, summary.Version);
            return Results.Ok(summary);
        }).RequirePermission(Permission.ViewScreening);

        api.MapPost("/rounds/{id:int}/close", (int id, ScreeningRounds rounds, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => rounds.CloseAsync(id, v, ct), r => r.Version))
            .RequirePermission(Permission.ManageScreening);

        api.MapGet("/points", async (string? division, ScreeningRounds rounds, CancellationToken ct) => Results.Ok(await rounds.PointsAsync(division, ct)))
            .RequirePermission(Permission.ViewScreening);

        api.MapPost("/points", async (PointInput input, ScreeningRounds rounds, CancellationToken ct) =>
            (await rounds.AddPointAsync(input, ct)).ToHttp(p => Results.Created($"/api/screening/points/{p.Id}", p)))
            .RequirePermission(Permission.ManageScreening).Idempotent();

        // The streamed path: text/csv as the request body (scripts, the sampling system) or a multipart
        // "file" field (the page); neither is buffered.
        api.MapPost("/rounds/{id:int}/samples", async (int id, string? mode, HttpContext http, SampleIngest ingest, ScreeningRounds rounds, CancellationToken ct) =>
        {
            if (SheetImports.ParseMode(mode) is not { } importMode) return SheetImports.ModeProblem();
            if (await rounds.FindAsync(id, ct) is null) return NotFound();
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxSampleUpload;
            var (body, problem) = await OpenCsvAsync(http.Request, ct);
            if (problem is not null) return problem;
            var result = await ingest.IngestAsync(id, body!, importMode, ct);
            if (result.FileProblem is "round") return NotFound();
            if (result.FileProblem is { } message) return new FieldErrors().Add("file", message).ToProblem("无法导入该文件 / The file cannot be imported");
            var report = result.Report!;
            if (report.Stored || report.ErrorCount == 0) return Results.Ok(report);
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "文件中有错误行，未导入任何数据 / The file has bad rows; nothing was imported",
                detail: $"{report.Rejected} / {report.TotalRows}", extensions: new Dictionary<string, object?> { ["report"] = report });
        }).RequirePermission(Permission.RecordSamples).DisableAntiforgery();

        api.MapPost("/results", async (ResultBatch batch, LabResults results, CancellationToken ct) =>
        {
            var (answer, errors) = await results.PostAsync(batch, ct);
            return errors is not null ? errors.ToProblem("结果未保存 / No result was stored") : Results.Ok(answer);
        }).RequirePermission(Permission.PostScreeningResults);

        api.MapPost("/results/import", (HttpContext http, LabResults results, string? mode, CancellationToken ct) =>
            SheetImports.HandleAsync(http, mode, LabResults.MaxFileBytes, (name, content, m) => results.ImportAsync(name, content, m, ct), ct))
            .RequirePermission(Permission.PostScreeningResults).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data");

        api.MapGet("/rounds/{id:int}/completion", async (int id, string? parent, ScreeningRounds rounds, Completion completion, CancellationToken ct) =>
        {
            var round = await rounds.FindAsync(id, ct);
            if (round is null) return NotFound();
            var table = await completion.TableAsync(round, parent, ct);
            return table is null ? NotFound() : Results.Ok(table);
        }).RequirePermission(Permission.ViewScreening);

        api.MapGet("/rounds/{id:int}/uncovered", async (int id, ScreeningRounds rounds, Completion completion, CancellationToken ct) =>
            await rounds.FindAsync(id, ct) is { } round ? Results.Ok(await completion.UncoveredAsync(round, ct)) : NotFound())
            .RequirePermission(Permission.ViewScreening);

        api.MapGet("/rounds/{id:int}/completion.xlsx", async (int id, ScreeningRounds rounds, Completion completion, HttpContext http, CancellationToken ct) =>
        {
            var round = await rounds.FindAsync(id, ct);
            if (round is null) return NotFound();
            // At most one row per committee (~6,500 for a city), so the workbook is built in memory
            // (the zip writer is synchronous, which the response stream refuses).
            var file = new MemoryStream();
            await completion.ExportAsync(round, file, ct);
            file.Position = 0;
            return Results.File(file, SheetFiles.XlsxContentType, $"screening-{id}-completion.xlsx");
        }).RequirePermission(Permission.ViewScreening);

        api.MapGet("/rounds/{id:int}/controls", async (int id, ScreeningRounds rounds, PositivePools pools, HttpContext http, CancellationToken ct) =>
        {
            if (await rounds.FindAsync(id, ct) is null) return NotFound();
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(await pools.ListAsync(id, ct));
        }).RequirePermission(Permission.ViewScreening);

        // The full ID number or phone of one member under control, for a stated reason, audited
        // (without the value). The community needs it to reach the resident for the retest.
        api.MapPost("/controls/{id:guid}/reveal", async (Guid id, RevealInput input, FangkongDb db, CurrentUser user, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            if (input.Field is not ("idNumber" or "phone")) errors.Add("field", "须为 idNumber 或 phone / must be idNumber or phone");
            var reason = input.Reason?.Trim() ?? "";
            if (reason.Length is < 4 or > 500) errors.Add("reason", "请说明查看原因（4–500 字）/ state why you need the full value (4–500 characters)");
            if (errors.Any) return errors.ToProblem();
            var control = await db.PoolControls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (control is null)
            {
                // No unscoped probe for whether it exists elsewhere: every miss is audited the same way.
                await audit.AppendAsync(user.Actor, new AuditEvent("screening.reveal", AuditOutcome.Denied, "poolControl", id.ToString(), "not found or outside jurisdiction"), ct);
                return NotFound();
            }
            string? value = control.IdNumber;
            if (input.Field == "phone")
                value = await db.SamplingRecords.AsNoTracking().Where(s => s.RoundId == control.RoundId && s.IdNumber == control.IdNumber && s.Phone != null)
                    .Select(s => s.Phone).FirstOrDefaultAsync(ct);
            await audit.AppendAsync(user.Actor, new AuditEvent("screening.reveal", AuditOutcome.Success, "poolControl", id.ToString(), $"field={input.Field}; reason={reason}"), ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new { field = input.Field, value });
        }).RequirePermission(Permission.RevealPersonalData);

        return app;
    }

    // The CSV body of a sample upload as a stream, or a problem naming `file`.
    private static async Task<(Stream? Body, IResult? Problem)> OpenCsvAsync(HttpRequest request, CancellationToken ct)
    {
        static IResult Problem(string message) => new FieldErrors().Add("file", message).ToProblem("无法导入该文件 / The file cannot be imported");
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary)) return (null, Problem("multipart 缺少 boundary / the multipart body has no boundary"));
            var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = MaxSampleUpload };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value?.Trim('"') != "file") continue;
                var fileName = disposition.FileName.Value?.Trim('"') ?? disposition.FileNameStar.Value ?? "";
                if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    return (null, Problem("采样记录只接受 .csv 文件（Excel 请另存为 CSV UTF-8）/ sampling records are accepted as .csv (save Excel as CSV UTF-8)"));
                return (section.Body, null);
            }
            return (null, Problem("请选择要导入的文件 / choose a file to import"));
        }
        if (type?.MediaType.Value is { } media && (media.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase)))
            return (request.Body, null);
        return (null, Problem("请以 text/csv 正文或 multipart/form-data 的 file 字段上传 / send text/csv as the body, or multipart/form-data field 'file'"));
    }
}

using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;

namespace Fangkong.Web.Features.Treatment;

public static class PlacementApi
{
    public static IServiceCollection AddPlacement(this IServiceCollection services) =>
        services.AddScoped<Placements>().AddScoped<PositivesImport>();

    public static IEndpointRouteBuilder MapPlacementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/treatment/placements").WithTags("Treatment");

        api.MapGet("", async (Placements placements, CancellationToken ct) => Results.Ok(await placements.ListAsync(ct)))
            .RequirePermission(Permission.PlacePatients);

        api.MapPost("", async (PlacementRequest request, Placements placements, HttpContext http, CancellationToken ct) =>
            (await placements.RunAsync(request, ct)).ToHttp(b =>
            {
                Versioning.SetETag(http, b.Version);
                return Results.Created($"/api/treatment/placements/{b.Id}", new { b.Id, b.Version, b.Patients, b.Placed });
            })).RequirePermission(Permission.PlacePatients).AddEndpointFilter<IdempotencyFilter>();

        api.MapGet("/{id:guid}", async (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
        {
            var view = await placements.ViewAsync(id, ct);
            if (view is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, view.Version);
            return Results.Ok(view);
        }).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/adjust", (Guid id, PlacementChange change, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioned(http, v => placements.AdjustAsync(id, v, change, ct))).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/approve", (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioned(http, v => placements.ApproveAsync(id, v, ct))).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/discard", (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioned(http, v => placements.DiscardAsync(id, v, ct))).RequirePermission(Permission.PlacePatients);

        // A day's positives from a spreadsheet: the same row-by-row report as every other import.
        var positives = app.MapGroup("/api/treatment/positives").WithTags("Treatment");
        positives.MapPost("/import", async (HttpContext http, PositivesImport importer, string? mode, CancellationToken ct) =>
        {
            ImportMode importMode;
            switch (mode?.Trim().ToLowerInvariant())
            {
                case null or "" or "all": importMode = ImportMode.All; break;
                case "valid": importMode = ImportMode.Valid; break;
                default: return new FieldErrors().Add("mode", "须为 all 或 valid / must be all or valid").ToProblem();
            }
            var (file, problem) = await Uploads.ReadFileAsync(http, PositivesImport.MaxBytes, ct);
            if (file is null) return problem!;
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
                await stream.ReadExactlyAsync(content, ct);
            var result = await importer.ImportAsync(file.FileName, content, importMode, ct);
            if (result.FileErrors is { } fileErrors) return fileErrors.ToProblem("无法导入该文件 / The file cannot be imported");
            var report = result.Report!;
            if (result.Stored) return Results.Ok(report);
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "文件中有错误行，未导入任何数据 / The file has bad rows; nothing was imported",
                detail: $"{report.Rejected} / {report.TotalRows}", extensions: new Dictionary<string, object?> { ["report"] = report });
        }).RequirePermission(Permission.ManagePatients).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data");

        positives.MapGet("/import/template", () =>
            Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(string.Join(",", PositivesImport.TemplateHeader) + "\r\n")).ToArray(),
                SheetFiles.CsvContentType, "positives-template.csv")).RequirePermission(Permission.ManagePatients);

        return app;
    }

    private static async Task<IResult> Versioned(HttpContext http, Func<int, Task<WriteOutcome<PlacementView>>> act)
    {
        var (expected, problem) = Versioning.ExpectedVersion(http.Request);
        if (problem is not null) return problem;
        return (await act(expected!.Value)).ToHttp(view =>
        {
            Versioning.SetETag(http, view.Version);
            return Results.Ok(view);
        });
    }
}

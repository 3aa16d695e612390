using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;
using Fangkong.Web.Features.Divisions;

namespace Fangkong.Web.Features.Surveillance;

public static class SurveillanceApi
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public static IEndpointRouteBuilder MapSurveillanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/surveillance").WithTags("Surveillance");

        api.MapGet("/{code}/curve", async (string code, DateOnly? from, DateOnly? to, EpidemicCurves curves, DivisionDirectory divisions, CancellationToken ct) =>
            await divisions.GetAsync(code, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"区划 {code} 不存在 / division not found")
                : Results.Ok(await curves.ForAsync(code, from, to, ct)))
            .RequirePermission(Permission.ViewReports);

        api.MapGet("/{code}/rt", async (string code, double? siMean, double? siSd, int? window, ReproductionNumbers rt, DivisionDirectory divisions, CancellationToken ct) =>
            await divisions.GetAsync(code, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"区划 {code} 不存在 / division not found")
                : (await rt.ForAsync(code, siMean, siSd, window, ct)).ToHttp(Results.Ok))
            .RequirePermission(Permission.ViewReports)
            .WithSummary("Time-varying reproduction number (Cori et al. 2013, as EpiEstim's estimate_R) of the division's reported curve");

        api.MapPost("/{code}/scenarios", async (string code, ScenarioRequest request, Forecasts forecasts, CancellationToken ct) =>
            (await forecasts.ScenarioAsync(code, request, ct)).ToHttp(Results.Ok))
            .RequirePermission(Permission.ViewReports)
            .WithSummary("SEIR projection from the fitted recent curve: the current course, a scenario (contact changes from given days, added vaccination), an ensemble fan");

        api.MapGet("/{code}/demand", async (string code, int? days, Forecasts forecasts, CancellationToken ct) =>
            (await forecasts.DemandAsync(code, days, ct)).ToHttp(Results.Ok))
            .RequirePermission(Permission.ViewReports)
            .WithSummary("Resource demand of the current course: admissions and beds in use (ward, ICU, ventilation, shelter), fever-clinic visits, transfers and drug courses, with registered capacity");

        api.MapGet("/{code}/warnings", async (string code, Forecasts forecasts, Supplies.SupplyWarnings stock, Treatment.Turnover turnover, CancellationToken ct) =>
        {
            var beds = await forecasts.WarningsAsync(code, ct);
            var supplies = await stock.WarningsAsync(code, ct);
            var wards = await turnover.WarningsAsync(code, ct);
            return Results.Ok(beds.Concat(supplies).Concat(wards).OrderBy(w => w.DaysUntil).ToList());
        })
            .RequirePermission(Permission.ViewReports)
            .WithSummary("Projected bed demand (ICU, ward, shelter) against the beds registered in each district, and days of supply of each product: the first day of shortfall");

        // One report (one division, one day): creates or replaces it.
        api.MapPut("/reports/{code}/{date}", async (string code, DateOnly date, DailyReportInput input, DailyReportService reports, WarningBoard board, CancellationToken ct) =>
        {
            var outcome = await reports.RecordAsync(code, date, input, ct);
            if (outcome is WriteOutcome<DailyReportDto>.Done) await board.RefreshAsync([code], ct);
            return outcome.ToHttp(Results.Ok);
        })
            .RequirePermission(Permission.EditReports);

        api.MapPost("/reports/import", async (HttpContext http, string? mode, DailyReportImporter importer, WarningBoard board, CancellationToken ct) =>
        {
            var (file, problem) = await Uploads.ReadFileAsync(http, MaxUploadBytes, ct);
            if (file is null) return problem!;
            var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
            SheetFormat? format = extension switch { ".csv" => SheetFormat.Csv, ".xlsx" => SheetFormat.Xlsx, _ => null };
            if (format is null)
                return new FieldErrors().Add("file", "仅支持 .csv 或 .xlsx / only .csv or .xlsx").ToProblem();
            try
            {
                await using var stream = file.OpenReadStream();
                var result = await importer.ImportAsync(format.Value, stream, mode != "valid", ct);
                // Warnings are recomputed after the answer: a history import touches every district.
                if (result.Stored) _ = Task.Run(() => board.RefreshAsync(result.Districts, CancellationToken.None), CancellationToken.None);
                return result.Stored || result.ErrorCount == 0
                    ? Results.Ok(result)
                    : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                        title: "有错误行，未保存任何数据 / Some rows are invalid; nothing was stored",
                        extensions: new Dictionary<string, object?> { ["report"] = result });
            }
            catch (SheetFileException ex)
            {
                return new FieldErrors().Add("file", ex.Message).ToProblem();
            }
        })
        .DisableAntiforgery()
        .RequirePermission(Permission.ImportReports)
        .WithSummary("Import daily reports (.csv or .xlsx): columns date, divisionCode, asymptomatic, mild, moderate, severe, critical, imported, recovered, died")
        .WithDescription("mode=all (default) stores every row or none (422 with the report when any row is bad); mode=valid stores the good rows. Re-importing a day replaces that day's reports of the same divisions and of the divisions inside them.");

        return app;
    }
}

using System.Globalization;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;
using Fangkong.Web.Platform.Localization;

namespace Fangkong.Web.Features.Supplies;

// The stock ledger's read side, daily stock reports (JSON rows or a spreadsheet) and the stock
// export. Recording a single movement is POST /api/supplies/movements (SuppliesApi).
public static class StockApi
{
    private const string ReportDescription =
        "Rows of `{ date, facilityId | facilityName, productCode | productId, dispensed, received, counted, lot, expiry }`: one per "
        + "facility × product × day. Each row becomes ledger movements — Receipt for `received`, Dispensed for `dispensed` (first-expiring "
        + "lots first), then Found or Lost for the difference between `counted` and the ledger. `mode=all` (default) stores every row or "
        + "none (422 with `report`); `mode=valid` stores the good rows. A facility × product × day already reported is refused.";

    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supplies").WithTags("Supplies");

        api.MapGet("/stock", async (Guid? facilityId, Guid? productId, StockQueries queries, CancellationToken ct) =>
        {
            if (facilityId is null) return new FieldErrors().Add("facilityId", "必填 / required").ToProblem();
            var stock = await queries.StockAsync(facilityId.Value, productId, ct);
            return stock is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found") : Results.Ok(stock);
        }).RequirePermission(Permission.ViewSupplies)
        .WithSummary("On-hand per product and lot at one stock node, with days of supply over the last 7 days' dispensing");

        api.MapGet("/stock/{facilityId:guid}", async (Guid facilityId, Guid? productId, StockQueries queries, CancellationToken ct) =>
        {
            var stock = await queries.StockAsync(facilityId, productId, ct);
            return stock is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found") : Results.Ok(stock);
        }).RequirePermission(Permission.ViewSupplies).ExcludeFromDescription();

        api.MapGet("/movements", async (Guid? facilityId, Guid? productId, int? page, int? pageSize, StockQueries queries, CancellationToken ct) =>
            Results.Ok(await queries.MovementsAsync(facilityId, productId, Paging.From(page, pageSize), ct)))
            .RequirePermission(Permission.ViewSupplies)
            .WithSummary("Ledger movements in scope, newest first, paged");

        api.MapGet("/days-of-supply", async (Guid? productId, string? division, StockQueries queries, CurrentUser user, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            if (productId is null) errors.Add("productId", "必填 / required");
            var code = division?.Trim() ?? user.Jurisdiction.DivisionPrefix;
            if (!StockQueries.IsPrefix(code)) errors.Add("division", "须为 2–12 位区划代码 / a division code of 2–12 digits");
            if (errors.Any) return errors.ToProblem();
            return Results.Ok(await queries.DaysOfSupplyByDivisionAsync(productId!.Value, code!, ct));
        }).RequirePermission(Permission.ViewSupplies)
        .WithSummary("Days of supply of one product under a division, in total and per child division");

        api.MapPost("/stock-reports", async (StockReportBatch batch, StockReports reports, CancellationToken ct) =>
        {
            if (SheetImports.ParseMode(batch.Mode) is null) return SheetImports.ModeProblem();
            return Answer(await reports.SubmitAsync(batch, ct));
        }).RequirePermission(Permission.RecordStock)
        .WithSummary("Daily stock reports as JSON rows").WithDescription(ReportDescription);

        api.MapPost("/stock-reports/import", async (HttpContext http, string? mode, StockReports reports, CancellationToken ct) =>
        {
            if (SheetImports.ParseMode(mode) is not { } importMode) return SheetImports.ModeProblem();
            var (content, fileName, problem) = await SheetImports.ReadUploadAsync(http, StockReports.MaxBytes, ct);
            if (problem is not null) return problem;
            var (result, fileErrors) = await reports.ImportAsync(fileName, content!, importMode, ct);
            return fileErrors is not null ? fileErrors.ToProblem("无法导入该文件 / The file cannot be imported") : Answer(result!);
        }).RequirePermission(Permission.RecordStock)
        // The body is read by hand (as the facility import); a cookie-signed call is checked by ApiAntiforgery.
        .DisableAntiforgery()
        .Accepts<IFormFile>("multipart/form-data")
        .WithSummary("Daily stock reports from .xlsx or .csv with a row-by-row report").WithDescription(ReportDescription);

        api.MapGet("/stock-reports/template", async (string? format, Guid? facilityId, StockReports reports, CancellationToken ct) =>
        {
            if (ParseFormat(format) is not { } fileFormat) return FormatProblem();
            var buffer = new MemoryStream();
            await reports.WriteTemplateAsync(buffer, fileFormat, Language, facilityId, ct);
            buffer.Position = 0;
            return Results.File(buffer, fileFormat == SheetFormat.Xlsx ? SheetFiles.XlsxContentType : SheetFiles.CsvContentType,
                fileFormat == SheetFormat.Xlsx ? "stock-report-template.xlsx" : "stock-report-template.csv");
        }).RequirePermission(Permission.RecordStock)
        .WithSummary("An empty daily stock report; with facilityId, one row per product the node stocks");

        api.MapGet("/stock/export", async (Guid? facilityId, string? division, StockReports reports, TimeProvider clock, CancellationToken ct) =>
        {
            if (facilityId is null && division is not null && !StockQueries.IsPrefix(division))
                return new FieldErrors().Add("division", "须为 2–12 位区划代码 / a division code of 2–12 digits").ToProblem();
            var buffer = new MemoryStream();
            var rows = await reports.WriteExportAsync(buffer, facilityId, division, Language, ct);
            await reports.AuditExportAsync(rows, facilityId, division, ct);
            buffer.Position = 0;
            return Results.File(buffer, SheetFiles.XlsxContentType, $"stock-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.xlsx");
        }).RequirePermission(Permission.ViewSupplies)
        .WithSummary("Every lot at one node (facilityId) or under a division (division), in scope, as .xlsx");

        return app;
    }

    public static IResult Answer(StockReportResult result) => result.Stored
        ? Results.Ok(result)
        : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "有错误行，未导入任何数据 / There are bad rows; nothing was stored",
            detail: $"{result.Rejected} / {result.TotalRows}",
            extensions: new Dictionary<string, object?> { ["report"] = result });

    private static int Language => UiText.IndexOf(CultureInfo.CurrentUICulture);

    private static SheetFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "xlsx" => SheetFormat.Xlsx,
        "csv" => SheetFormat.Csv,
        _ => null,
    };

    private static IResult FormatProblem() => new FieldErrors().Add("format", "须为 xlsx 或 csv / must be xlsx or csv").ToProblem();
}

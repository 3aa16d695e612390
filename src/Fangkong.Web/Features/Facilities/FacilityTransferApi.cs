using Fangkong.Web.Platform.Files;
using System.Globalization;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Localization;
using Microsoft.AspNetCore.Http.Features;

namespace Fangkong.Web.Features.Facilities;

// Spreadsheet import and export of facilities (.xlsx and .csv).
public static class FacilityTransferApi
{
    private const string ImportDescription =
        "Multipart form with field `file` (.xlsx or .csv, at most 20 MB and 100,000 data rows; the first non-empty row is the header, "
        + "in zh-Hans, zh-Hant, English or the column keys). `mode=all` (default) stores every row or none; `mode=valid` stores the "
        + "good rows and reports the rest. A stored import answers 200 with the report `{ mode, totalRows, imported, rejected, errors: "
        + "[{ row, column, field, value, message }] }`. An import in mode=all with any bad row stores nothing and answers 422 with an "
        + "RFC 7807 problem whose extension `report` is that same report. A file that cannot be read at all answers 400 naming `file`; "
        + "a body that is not multipart/form-data answers 415.";

    public static IEndpointRouteBuilder MapFacilityTransferApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/facilities").WithTags("Facilities");

        api.MapGet("/export", async (FacilityExporter exporter, string? format, string? kind, string? division, string? q,
            HttpContext http, CancellationToken ct) =>
        {
            if (ParseFormat(format) is not { } fileFormat) return FormatProblem();
            var (parsed, problem) = FacilityFilter.FromQuery(kind, division, q);
            if (problem is not null) return problem;
            var filter = parsed!;
            var language = Language;
            var fileName = exporter.FileName("facilities", fileFormat);
            if (fileFormat == SheetFormat.Csv)
            {
                // Audited before the first byte leaves, with the count the scoped query gives now.
                await exporter.AuditAsync(fileFormat, await exporter.CountAsync(filter, ct), filter, ct);
                return Results.Stream(body => exporter.WriteCsvAsync(body, filter, language, http.RequestAborted),
                    SheetFiles.CsvContentType, fileName);
            }
            // OpenXmlWriter writes synchronously, which the server forbids on a response body, so the
            // workbook is streamed into a temporary file that deletes itself once sent asynchronously.
            var file = TemporaryFile();
            try
            {
                var rows = await exporter.WriteXlsxAsync(file, filter, language, ct);
                await exporter.AuditAsync(fileFormat, rows, filter, ct);
                file.Position = 0;
                return Results.File(file, SheetFiles.XlsxContentType, fileName);
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        })
        .RequirePermission(Permission.ExportFacilities)
        .WithSummary("Export the facilities in your jurisdiction as .xlsx or .csv")
        .WithDescription("`format=xlsx|csv` (default xlsx); `kind`, `division` and `q` filter as in the list. Ordered by division code, then name. CSV is UTF-8 with a BOM.");

        api.MapGet("/import/template", async (FacilityExporter exporter, string? format, CancellationToken ct) =>
        {
            if (ParseFormat(format) is not { } fileFormat) return FormatProblem();
            var buffer = new MemoryStream();
            await exporter.WriteTemplateAsync(buffer, fileFormat, Language, ct);
            buffer.Position = 0;
            return Results.File(buffer, fileFormat == SheetFormat.Xlsx ? SheetFiles.XlsxContentType : SheetFiles.CsvContentType,
                fileFormat == SheetFormat.Xlsx ? "facilities-template.xlsx" : "facilities-template.csv");
        })
        .RequirePermission(Permission.ImportFacilities)
        .WithSummary("An empty import file: the header row, and for .xlsx a sheet of the capacity fields each kind takes");

        api.MapPost("/import", (HttpContext http, FacilityImporter importer, string? mode, CancellationToken ct) =>
            SheetImports.HandleAsync(http, mode, FacilityImporter.MaxBytes, (name, content, m) => importer.ImportAsync(name, content, m, ct), ct))
        .RequirePermission(Permission.ImportFacilities)
        // The body is read by hand, so the form binding's antiforgery check does not apply; a cookie-signed
        // call is checked by the platform's ApiAntiforgery instead (the page sends its token as a header).
        .DisableAntiforgery()
        .Accepts<IFormFile>("multipart/form-data")
        .Produces<ImportReport>()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesValidationProblem()
        .WithSummary("Import facilities from .xlsx or .csv with a row-by-row report")
        .WithDescription(ImportDescription);

        return app;
    }

    private static int Language => UiText.IndexOf(CultureInfo.CurrentUICulture);

    private static SheetFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "xlsx" => SheetFormat.Xlsx,
        "csv" => SheetFormat.Csv,
        _ => null,
    };

    private static IResult FormatProblem() => new FieldErrors().Add("format", "须为 xlsx 或 csv / must be xlsx or csv").ToProblem();

    private static FileStream TemporaryFile() => new(
        Path.Combine(Path.GetTempPath(), $"fangkong-export-{Guid.NewGuid():N}.xlsx"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
}

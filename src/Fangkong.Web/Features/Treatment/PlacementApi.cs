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
            })).RequirePermission(Permission.PlacePatients).Idempotent();

        api.MapGet("/{id:guid}", async (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
        {
            var view = await placements.ViewAsync(id, ct);
            if (view is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, view.Version);
            return Results.Ok(view);
        }).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/adjust", (Guid id, PlacementChange change, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => placements.AdjustAsync(id, v, change, ct), p => p.Version)).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/approve", (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => placements.ApproveAsync(id, v, ct), p => p.Version)).RequirePermission(Permission.PlacePatients);

        api.MapPost("/{id:guid}/discard", (Guid id, Placements placements, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => placements.DiscardAsync(id, v, ct), p => p.Version)).RequirePermission(Permission.PlacePatients);

        // A day's positives from a spreadsheet: the same row-by-row report as every other import.
        var positives = app.MapGroup("/api/treatment/positives").WithTags("Treatment");
        positives.MapPost("/import", (HttpContext http, PositivesImport importer, string? mode, CancellationToken ct) =>
            SheetImports.HandleAsync(http, mode, PositivesImport.MaxBytes, (name, content, m) => importer.ImportAsync(name, content, m, ct), ct))
        .RequirePermission(Permission.ManagePatients).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data");

        positives.MapGet("/import/template", () =>
            Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(string.Join(",", PositivesImport.TemplateHeader) + "\r\n")).ToArray(),
                SheetFiles.CsvContentType, "positives-template.csv")).RequirePermission(Permission.ManagePatients);

        return app;
    }
}

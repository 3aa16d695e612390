using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Files;

namespace Fangkong.Web.Features.Community.KeyPopulations;

public static class KeyPopulationsApi
{
    public static IServiceCollection AddKeyPopulations(this IServiceCollection services)
    {
        services.AddScoped<KeyPopulationRegister>();
        services.AddScoped<KeyPopulationImport>();
        services.AddOptions<RiskGradingOptions>().BindConfiguration("KeyPopulations");
        return services;
    }

    public static IEndpointRouteBuilder MapKeyPopulationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/community/key-populations").WithTags("Community");

        api.MapGet("", async (KeyPopulationRegister register, string? division, int? minAge, bool? unvaccinated, int? minGrade, bool? overdue,
            int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await register.ListAsync(new KeyResidentFilter(division, minAge, unvaccinated, minGrade, overdue), Paging.From(page, pageSize), ct)))
            .RequirePermission(Permission.ManageKeyPopulations);

        api.MapPost("", async (KeyResidentInput input, KeyPopulationRegister register, CancellationToken ct) =>
            (await register.RegisterAsync(input, ct)).ToHttp(k => Results.Created($"/api/community/key-populations/{k.Id}", new { k.Id, k.RiskGrade, k.Version })))
            .RequirePermission(Permission.ManageKeyPopulations).Idempotent();

        api.MapGet("/{id:guid}", async (Guid id, KeyPopulationRegister register, HttpContext http, CancellationToken ct) =>
        {
            var row = await register.FindAsync(id, ct);
            if (row is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, row.Version);
            return Results.Ok(row);
        }).RequirePermission(Permission.ManageKeyPopulations);

        api.MapGet("/progress/{code}", async (string code, KeyPopulationRegister register, CancellationToken ct) =>
            Results.Ok(await register.ProgressAsync(code, ct))).RequirePermission(Permission.ManageKeyPopulations);

        api.MapPost("/{id:guid}/check-ins", async (Guid id, CheckInInput input, KeyPopulationRegister register, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await register.CheckInAsync(id, expected!.Value, input, ct)).ToHttp(result =>
            {
                Versioning.SetETag(http, result.Resident.Version);
                return Results.Ok(result);
            });
        }).RequirePermission(Permission.ManageKeyPopulations).Idempotent();

        api.MapPost("/{id:guid}/alerts", async (Guid id, AlertInput input, KeyPopulationRegister register, CancellationToken ct) =>
            (await register.RaiseAsync(id, input.Reason, ct)).ToHttp(a => Results.Created($"/api/community/green-channel/{a.Id}", a)))
            .RequirePermission(Permission.ManageKeyPopulations).Idempotent();

        app.MapGet("/api/community/green-channel", async (KeyPopulationRegister register, CancellationToken ct) =>
            Results.Ok(await register.AlertsAsync(null, ct))).WithTags("Community").RequirePermission(Permission.ManageKeyPopulations);

        app.MapPost("/api/community/green-channel/{id:guid}/send", async (Guid id, KeyPopulationRegister register, HttpContext http, CancellationToken ct) =>
        {
            var (expected, problem) = Versioning.ExpectedVersion(http.Request);
            if (problem is not null) return problem;
            return (await register.SendAsync(id, expected!.Value, ct)).ToHttp(Results.Ok);
        }).WithTags("Community").RequirePermission(Permission.ManageKeyPopulations);

        api.MapPost("/import", (HttpContext http, KeyPopulationImport importer, string? mode, CancellationToken ct) =>
            SheetImports.HandleAsync(http, mode, KeyPopulationImport.MaxBytes, (name, content, m) => importer.ImportAsync(name, content, m, ct), ct))
        .RequirePermission(Permission.ManageKeyPopulations).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data");

        return app;
    }
}

public sealed record AlertInput(string? Reason);

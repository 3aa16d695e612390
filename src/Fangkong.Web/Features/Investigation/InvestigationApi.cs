using Fangkong.Epidemiology.AreaRisk;
using Fangkong.Web.Features.RiskAreas;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Investigation;

public sealed record RuleSetInput(AreaRiskRuleSet? Rules, DateOnly? EffectiveFrom);

public static class InvestigationApi
{
    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");

    public static IEndpointRouteBuilder MapInvestigationApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/investigation").WithTags("Investigation").RequirePermission(Permission.ViewInvestigation);
        var write = app.MapGroup("/api/investigation").WithTags("Investigation").RequirePermission(Permission.Investigate);
        var follow = app.MapGroup("/api/investigation").WithTags("Investigation").RequirePermission(Permission.FollowUpContacts);

        read.MapGet("/cases", async (CaseDesk desk, string? category, string? status, bool? overdue, string? division, string? number, bool? mine,
                int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await desk.ListAsync(new CaseFilter(category, status, overdue, division, number, mine), Paging.From(page, pageSize), ct)));

        read.MapGet("/cases/{id:guid}", async (Guid id, CaseDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var found = await desk.FindAsync(id, ct);
            if (found is null) return NotFound();
            Versioning.SetETag(http, found.Case.Version);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(found);
        });

        write.MapPost("/cases", async (CaseInput input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.OpenAsync(input, ct)).ToHttp(c =>
            {
                Versioning.SetETag(http, c.Case.Version);
                return Results.Created($"/api/investigation/cases/{c.Case.Id}", c);
            })).Idempotent();

        write.MapPost("/cases/{id:guid}/exposures", (Guid id, ExposureInput input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.AddExposureAsync(id, v, input, ct), c => c.Case.Version)).Idempotent();
        write.MapPost("/cases/{id:guid}/source", (Guid id, SourceInput input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.SetSourceAsync(id, v, input, ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/assign", (Guid id, CaseStepInput input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.AssignAsync(id, v, input, ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/complete", (Guid id, CaseStepInput input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.CompleteInvestigationAsync(id, v, input, ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/confirm", (Guid id, CaseStepInput input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.ConfirmAsync(id, v, input, ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/rule-out", (Guid id, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.RuleOutAsync(id, v, ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/isolate", (Guid id, CaseStepInput? input, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.IsolateAsync(id, v, input ?? new CaseStepInput(null, null, null, null), ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/hand-over", (Guid id, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.HandOverAsync(id, v, ct), c => c.Case.Version));
        write.MapPost("/cases/{id:guid}/close", (Guid id, CaseDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => desk.CloseAsync(id, v, ct), c => c.Case.Version));

        write.MapPost("/cases/{id:guid}/contacts", async (Guid id, ContactInput input, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
            (await tracing.AddAsync(id, input, ct)).ToHttp(c =>
            {
                Versioning.SetETag(http, c.Version);
                return Results.Created($"/api/investigation/contacts/{c.Id}", c);
            })).Idempotent();

        read.MapGet("/contacts", async (ContactTracing tracing, string? status, string? division, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await tracing.ListAsync(status, division, Paging.From(page, pageSize), ct)));
        read.MapGet("/contacts/{id:guid}", async (Guid id, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
        {
            var contact = await tracing.ViewAsync(id, ct);
            if (contact is null) return NotFound();
            Versioning.SetETag(http, contact.Version);
            return Results.Ok(contact);
        });
        follow.MapPost("/contacts/{id:guid}/quarantine", (Guid id, QuarantineInput input, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => tracing.QuarantineAsync(id, v, input, ct), c => c.Version));
        follow.MapPost("/contacts/{id:guid}/positive", (Guid id, PositiveInput input, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => tracing.TurnPositiveAsync(id, v, input, ct), c => c.Version));
        follow.MapPost("/contacts/{id:guid}/release", (Guid id, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => tracing.ReleaseAsync(id, v, ct), c => c.Version));
        follow.MapPost("/contacts/{id:guid}/lost", (Guid id, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => tracing.LostAsync(id, v, ct), c => c.Version));
        write.MapPost("/contacts/{id:guid}/share", (Guid id, ContactTracing tracing, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => tracing.ShareAsync(id, v, ct), c => c.Version));

        follow.MapGet("/follow-ups", async (ContactTracing tracing, string? division, bool? overdue, int? take, CancellationToken ct) =>
            Results.Ok(await tracing.DueAsync(division, overdue == true, take ?? 200, ct)));
        follow.MapPost("/follow-ups/{id:guid}", async (Guid id, FollowUpInput input, ContactTracing tracing, CancellationToken ct) =>
            (await tracing.RecordFollowUpAsync(id, input, ct)).ToHttp(Results.Ok));
        read.MapGet("/workload", async (ContactTracing tracing, CurrentUser user, string? division, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await tracing.WorkloadAsync(d, ct)) : NotFound());

        read.MapGet("/four-categories", async (FourCategories board, CurrentUser user, string? division, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await board.BoardAsync(d, ct)) : NotFound());
        read.MapGet("/clusters", async (TransmissionChains chains, CurrentUser user, string? division, int? minCases, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await chains.ClustersAsync(d, Math.Max(1, minCases ?? 2), ct)) : NotFound());
        read.MapGet("/clusters/{id:guid}", async (Guid id, TransmissionChains chains, bool? contacts, CancellationToken ct) =>
            await chains.GraphAsync(id, contacts ?? true, ct) is { } graph
                ? Results.Ok(new { graph.Summary, graph.Nodes, graph.Edges, Growth = graph.Growth.Select(g => new { g.Day, g.Cases }) })
                : NotFound());
        read.MapGet("/unknown-source", async (TransmissionChains chains, CurrentUser user, string? division, int? days, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await chains.UnknownSourceAsync(d, Math.Clamp(days ?? 14, 1, 60), ct)) : NotFound());

        MapRiskAreas(app);
        return app;
    }

    private static void MapRiskAreas(IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/risk-areas").WithTags("RiskAreas").RequirePermission(Permission.ViewInvestigation);
        var manage = app.MapGroup("/api/risk-areas").WithTags("RiskAreas").RequirePermission(Permission.ManageRiskAreas);
        var approve = app.MapGroup("/api/risk-areas").WithTags("RiskAreas").RequirePermission(Permission.ApproveRiskAreas);

        read.MapGet("/", async (AreaRiskService risk, CurrentUser user, string? division, string? level, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await risk.CurrentAsync(d, level, ct)) : NotFound());
        read.MapGet("/summary", async (AreaRiskService risk, CurrentUser user, string? division, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await risk.ByDistrictAsync(d, ct)) : NotFound());
        read.MapGet("/{code}/history", async (string code, AreaRiskService risk, CurrentUser user, CancellationToken ct) =>
            Scoped(user, code) is { } d ? Results.Ok(await risk.HistoryAsync(d, ct)) : NotFound());
        read.MapGet("/rules", async (AreaRiskService risk, CancellationToken ct) => Results.Ok(await risk.RuleSetsAsync(ct)));
        read.MapGet("/overrides", async (AreaRiskService risk, CurrentUser user, string? division, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await risk.OverridesAsync(d, ct)) : NotFound());

        manage.MapPost("/compute", async (AreaRiskService risk, CurrentUser user, string? division, CancellationToken ct) =>
            Scoped(user, division) is { } d ? Results.Ok(await risk.ComputeAsync(risk.Today, d.Length == 0 ? null : d, ct)) : NotFound());
        manage.MapPost("/rules", async (RuleSetInput input, AreaRiskService risk, CancellationToken ct) =>
            (await risk.PublishRulesAsync(input.Rules, input.EffectiveFrom, ct)).ToHttp(r => Results.Created($"/api/risk-areas/rules", new { r.Version, r.Name, r.EffectiveFrom }))).Idempotent();
        manage.MapPost("/overrides", async (OverrideInput input, AreaRiskService risk, HttpContext http, CancellationToken ct) =>
            (await risk.RequestOverrideAsync(input, ct)).ToHttp(o =>
            {
                Versioning.SetETag(http, o.Version);
                return Results.Created($"/api/risk-areas/overrides/{o.Id}", o);
            })).Idempotent();
        approve.MapPost("/overrides/{id:guid}/approve", (Guid id, DecisionInput? input, AreaRiskService risk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => risk.ApproveAsync(id, v, input ?? new DecisionInput(null), ct), o => o.Version));
        approve.MapPost("/overrides/{id:guid}/reject", (Guid id, DecisionInput input, AreaRiskService risk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => risk.RejectAsync(id, v, input, ct), o => o.Version));
        manage.MapPost("/overrides/{id:guid}/end", (Guid id, AreaRiskService risk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, v => risk.EndAsync(id, v, ct), o => o.Version));

        // The published list: areas above the default level, for the public and the press (no personal data).
        app.MapGet("/api/public/risk-areas", async (RiskAreaPublication publication, CancellationToken ct) => Results.Ok(await publication.ListAsync(ct)))
            .WithTags("RiskAreas").AllowAnonymous();
    }

    // The division a request may look at: its own scope by default, a sub-division of it, or 404.
    internal static string? Scoped(CurrentUser user, string? division)
    {
        var wanted = string.IsNullOrWhiteSpace(division) ? null : division.Trim();
        var home = user.Jurisdiction.Everything ? "" : user.Jurisdiction.DivisionPrefix;
        if (home is null) return null;
        if (wanted is null) return home;
        if (!Core.Divisions.DivisionCodes.IsWellFormed(wanted)) return null;
        return user.Jurisdiction.CoversDivision(wanted) ? wanted : null;
    }
}

using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Tickets;

public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tickets").WithTags("Tickets").RequirePermission(Permission.HandleTickets);

        api.MapGet("/", async (TicketDesk desk, string? status, string? category, bool? overdue, string? division, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await desk.ListAsync(new TicketFilter(status, category, overdue, division), Paging.From(page, pageSize), ct)));

        api.MapPost("/", async (TicketInput input, TicketDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.OpenAsync(input, ct)).ToHttp(t =>
            {
                Versioning.SetETag(http, t.Ticket.Version);
                return Results.Created($"/api/tickets/{t.Ticket.Id}", t);
            })).Idempotent();

        api.MapGet("/departments", (TicketDesk desk) => Results.Ok(desk.Departments));

        api.MapGet("/analysis", async (TicketAnalysis analysis, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        {
            var (result, errors) = await analysis.AnalyseAsync(from, to, ct);
            return result is null ? errors.ToProblem() : Results.Ok(result);
        });

        api.MapGet("/{id:guid}", async (Guid id, TicketDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var ticket = await desk.FindAsync(id, ct);
            if (ticket is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, ticket.Ticket.Version);
            return Results.Ok(ticket);
        });

        api.MapPost("/{id:guid}/replies", (Guid id, ReplyInput input, TicketDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.ReplyAsync(id, expected, input, ct), t => t.Ticket.Version)).Idempotent();

        api.MapPost("/{id:guid}/escalate", (Guid id, EscalateInput? input, TicketDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.EscalateAsync(id, expected, input ?? new EscalateInput(null), ct), t => t.Ticket.Version));

        api.MapPost("/{id:guid}/close", (Guid id, CloseInput input, TicketDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.CloseAsync(id, expected, input, ct), t => t.Ticket.Version));

        return app;
    }
}

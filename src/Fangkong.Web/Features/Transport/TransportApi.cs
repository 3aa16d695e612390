using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Transport;

public static class TransportApi
{
    public static IEndpointRouteBuilder MapTransportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/transport").WithTags("Transport");

        api.MapGet("/vehicles", async (TransportDesk desk, string? status, CancellationToken ct) =>
            Results.Ok(await desk.VehiclesAsync(status, ct))).RequirePermission(Permission.ViewTreatment);

        api.MapGet("/vehicles/{id:guid}", async (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var vehicle = await desk.FindVehicleAsync(id, ct);
            if (vehicle is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, vehicle.Version);
            return Results.Ok(vehicle);
        }).RequirePermission(Permission.ViewTreatment);

        api.MapPost("/vehicles", async (VehicleInput input, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.RegisterVehicleAsync(input, ct)).ToHttp(v =>
            {
                Versioning.SetETag(http, v.Version);
                return Results.Created($"/api/transport/vehicles/{v.Id}", v);
            })).RequirePermission(Permission.DispatchTransport).Idempotent();

        // Position report, off duty, back on duty.
        api.MapPost("/vehicles/{id:guid}", (Guid id, VehicleChange change, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.ChangeVehicleAsync(id, expected, change, ct), v => v.Version))
            .RequirePermission(Permission.DispatchTransport);

        api.MapGet("/requests", async (TransportDesk desk, string? status, CancellationToken ct) =>
            Results.Ok(await desk.ListAsync(status, ct))).RequirePermission(Permission.ViewTreatment);

        api.MapGet("/requests/{id:guid}", async (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
        {
            var request = await desk.FindAsync(id, ct);
            if (request is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, request.Version);
            return Results.Ok(request);
        }).RequirePermission(Permission.ViewTreatment);

        api.MapPost("/requests", async (TransportRequestInput input, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            (await desk.RequestAsync(input, ct)).ToHttp(r =>
            {
                Versioning.SetETag(http, r.Version);
                return Results.Created($"/api/transport/requests/{r.Id}", r);
            })).RequirePermission(Permission.DispatchTransport).Idempotent();

        api.MapGet("/requests/{id:guid}/recommendation", async (Guid id, TransportDesk desk, CancellationToken ct) =>
            await desk.RecommendAsync(id, ct) is { } r ? Results.Ok(r) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found"))
            .RequirePermission(Permission.DispatchTransport);

        api.MapGet("/board", async (TransportDesk desk, CancellationToken ct) => Results.Ok(await desk.RecommendAllAsync(ct)))
            .RequirePermission(Permission.DispatchTransport);

        api.MapPost("/requests/{id:guid}/dispatch", (Guid id, DispatchInput input, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.DispatchAsync(id, expected, input, ct), r => r.Version)).RequirePermission(Permission.DispatchTransport);
        api.MapPost("/requests/{id:guid}/enroute", (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.DepartAsync(id, expected, ct), r => r.Version)).RequirePermission(Permission.DispatchTransport);
        api.MapPost("/requests/{id:guid}/onscene", (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.ArriveAsync(id, expected, ct), r => r.Version)).RequirePermission(Permission.DispatchTransport);
        api.MapPost("/requests/{id:guid}/transporting", (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.LoadAsync(id, expected, ct), r => r.Version)).RequirePermission(Permission.DispatchTransport);
        api.MapPost("/requests/{id:guid}/delivered", (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.DeliverAsync(id, expected, ct), r => r.Version)).RequirePermission(Permission.DispatchTransport);
        api.MapPost("/requests/{id:guid}/cancel", (Guid id, TransportDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.CancelAsync(id, expected, ct), r => r.Version)).RequirePermission(Permission.DispatchTransport);

        return app;
    }
}

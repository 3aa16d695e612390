using Fangkong.Web.Features.Community.Sharing;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Community.Requests;

public static class CommunityRequestsApi
{
    public static IEndpointRouteBuilder MapCommunityRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/community").WithTags("Community");
        // Residents' addresses and (masked) phones: not to be kept by browsers or proxies.
        api.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

        api.MapGet("/qrcodes", async (ResidentRequests desk, CancellationToken ct) => Results.Ok(await desk.QrCodesAsync(ct)))
            .RequirePermission(Permission.ManageCommunity);
        api.MapPost("/qrcodes", async (QrCodeInput input, ResidentRequests desk, CancellationToken ct) =>
            (await desk.IssueQrCodeAsync(input, ct)).ToHttp(q => Results.Created($"/api/community/qrcodes/{q.Id}", q)))
            .RequirePermission(Permission.ManageCommunity).Idempotent();
        api.MapPost("/qrcodes/{id:guid}/revoke", async (Guid id, ResidentRequests desk, CancellationToken ct) =>
            (await desk.RevokeQrCodeAsync(id, ct)).ToHttp(Results.Ok)).RequirePermission(Permission.ManageCommunity);

        api.MapGet("/requests", async (ResidentRequests desk, string? status, string? division, CancellationToken ct) =>
            Results.Ok(await desk.ListAsync(status, division, ct))).RequirePermission(Permission.ManageCommunity);
        api.MapGet("/requests/stats", async (ResidentRequests desk, CancellationToken ct) => Results.Ok(await desk.StatsAsync(ct)))
            .RequirePermission(Permission.ManageCommunity);
        api.MapGet("/requests/{id:guid}", async (Guid id, ResidentRequests desk, HttpContext http, CancellationToken ct) =>
        {
            if (await desk.FindAsync(id, ct) is not { } request) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
            Versioning.SetETag(http, request.Version);
            return Results.Ok(request);
        }).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/requests", async (RequestInput input, ResidentRequests desk, HttpContext http, CancellationToken ct) =>
            (await desk.FileByWorkerAsync(input, ct)).ToHttp(r =>
            {
                Versioning.SetETag(http, r.Version);
                return Results.Created($"/api/community/requests/{r.Id}", r);
            })).RequirePermission(Permission.ManageCommunity).Idempotent();
        api.MapPost("/requests/{id:guid}/assign", (Guid id, AssignInput input, ResidentRequests desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.AssignAsync(id, expected, input, ct), r => r.Version)).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/requests/{id:guid}/deliver", (Guid id, DeliverInput input, ResidentRequests desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.DeliverAsync(id, expected, input, ct), r => r.Version)).RequirePermission(Permission.ManageCommunity);
        api.MapPost("/requests/{id:guid}/close", (Guid id, ResidentRequests desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.CloseAsync(id, expected, ct), r => r.Version)).RequirePermission(Permission.ManageCommunity);

        api.MapGet("/sharing", async (SharingDesk desk, CancellationToken ct) => Results.Ok(await desk.BoardAsync(ct)))
            .RequirePermission(Permission.ManageCommunity);
        api.MapPost("/sharing/offers", async (OfferInput input, SharingDesk desk, CancellationToken ct) =>
            (await desk.OfferAsync(input, ct)).ToHttp(o => Results.Created($"/api/community/sharing/offers/{o.Id}", o)))
            .RequirePermission(Permission.ManageCommunity).Idempotent();
        api.MapPost("/sharing/asks", async (AskInput input, SharingDesk desk, CancellationToken ct) =>
            (await desk.AskAsync(input, ct)).ToHttp(a => Results.Created($"/api/community/sharing/asks/{a.Id}", a)))
            .RequirePermission(Permission.ManageCommunity).Idempotent();
        api.MapPost("/sharing/match", async (SharingDesk desk, CancellationToken ct) => Results.Ok(await desk.MatchAsync(ct)))
            .RequirePermission(Permission.ManageCommunity);
        api.MapPost("/sharing/asks/{id:guid}/handover", (Guid id, SharingDesk desk, HttpContext http, CancellationToken ct) =>
            Versioning.ApplyAsync(http, expected => desk.HandOverAsync(id, expected, ct), a => a.Version)).RequirePermission(Permission.ManageCommunity);

        // The resident's side: no account; the token in the path is the only key, and POSTs are rate-limited per address.
        var resident = app.MapGroup("/api/r/{token}").WithTags("Community (residents)");
        resident.MapPost("/requests", async (string token, RequestInput input, ResidentRequests desk, CancellationToken ct) =>
        {
            var outcome = await desk.SubmitByResidentAsync(token, input with { DivisionCode = null }, ct);
            if (outcome is DailyCapReached cap)
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "今日提交已达上限 / Daily limit reached",
                    extensions: new Dictionary<string, object?> { ["errors"] = cap.Errors.All });
            if (outcome is WriteOutcome<Submitted>.NotFound)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "二维码无效或已停用 / This code is unknown or revoked");
            return outcome.ToHttp(s => Results.Created(s.StatusUrl, s));
        }).RequireRateLimiting(CommunityRequestsSetup.RateLimit);
        resident.MapGet("/status/{receipt}", async (string token, string receipt, ResidentRequests desk, CancellationToken ct) =>
            await desk.ReceiptAsync(token, receipt, ct) is { } r ? Results.Ok(r) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found"));
        resident.MapPost("/status/{receipt}/confirm", async (string token, string receipt, ResidentRequests desk, CancellationToken ct) =>
            (await desk.ConfirmByResidentAsync(token, receipt, ct)).ToHttp(Results.Ok)).RequireRateLimiting(CommunityRequestsSetup.RateLimit);

        return app;
    }
}

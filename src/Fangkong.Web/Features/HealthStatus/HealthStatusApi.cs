using System.Threading.RateLimiting;
using Fangkong.HealthCodes;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.HealthStatus;

public sealed record VerifyRequest(string? Token);
public sealed record RotateRequest(string? Reason);
public sealed record ClientRequest(string? Name);

public static class HealthStatusApi
{
    // The anonymous endpoints (key set, revocations, bundle, verify) and the integration endpoint are
    // budgeted per client address; checkpoints behind one NAT share a budget, hence a generous default.
    public const string PublicRateLimit = "health-code-public";

    public static Func<HttpContext, RateLimitPartition<string>> PublicRateLimitPolicy(IConfiguration config)
    {
        var perMinute = Math.Max(1, config.GetValue("HealthStatus:PublicRequestsPerMinute", 600));
        return http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public static IServiceCollection AddHealthStatus(this IServiceCollection services)
    {
        services.AddOptions<HealthStatusOptions>().BindConfiguration("HealthStatus");
        services.AddHttpClient(nameof(TrustedIssuers)).ConfigurePrimaryHttpMessageHandler(sp =>
            PublicAddresses.Handler(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthStatusOptions>>().Value.AllowPrivateIssuerUrls));
        services.AddScoped<HealthStatusService>();
        services.AddScoped<SigningKeys>();
        services.AddScoped<HealthCodeDesk>();
        services.AddScoped<HealthCodeVerification>();
        services.AddScoped<TrustedIssuers>();
        services.AddScoped<IntegrationClients>();
        services.AddScoped<IHealthStatusChanges, HealthStatusChanges>();
        return services;
    }

    public static object IssuedBody(IssuedToken t) => new
    {
        token = t.Token, serial = t.Serial, colour = t.Colour, issuedAt = t.IssuedAt, expiresAt = t.ExpiresAt,
        reasons = t.Reasons.Select(r => new { r.Colour, r.Code, r.ZhText, r.EnText, r.Since }),
    };

    public static WebApplication MapHealthStatusApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/health-status").WithTags("Health status");
        var open = api.MapGroup("").RequireRateLimiting(PublicRateLimit);

        // Public: checkpoints and other cities fetch these without an account (they hold no personal data).
        open.MapGet("/keys", async (SigningKeys keys, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text((await keys.PublishedAsync(ct)).ToJson(), "application/json");
        });
        open.MapGet("/revocations", async (long? since, HealthCodeVerification verification, CancellationToken ct) =>
        {
            if (since is < 0 or > 253402300799)
                return new FieldErrors().Add("since", "应为 Unix 秒 / Unix seconds expected").ToProblem();
            return Results.Ok(await verification.RevocationsAsync(since is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null, ct));
        });
        open.MapGet("/trust-bundle", async (bool? revocations, HealthCodeVerification verification, CancellationToken ct) =>
            Results.Ok(await verification.BundleAsync(revocations ?? true, ct)));
        open.MapPost("/verify", async (VerifyRequest request, HealthCodeVerification verification, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Token))
                return new FieldErrors().Add("token", "请提供码内容 / the token is required").ToProblem();
            if (request.Token.Length > HealthCodeToken.MaxLength)
                return new FieldErrors().Add("token", $"码内容过长 / longer than {HealthCodeToken.MaxLength} characters").ToProblem();
            return Results.Ok(await verification.VerifyAsync(request.Token, ct));
        });

        // Staff: a person's status (404 outside scope, masked) and issuing a code for them.
        api.MapGet("/people/{id:guid}", async (Guid id, HealthCodeDesk desk, HttpContext http, CancellationToken ct) =>
        {
            NoStore(http);
            return await desk.StatusAsync(id, ct) is { } status
                ? Results.Ok(new { person = status.Person, colour = status.Status.Colour, reasons = status.Status.Reasons, status.Codes })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
        }).RequirePermission(Permission.ViewPeople);
        api.MapPost("/people/{id:guid}/codes", async (Guid id, HealthCodeDesk desk, HttpContext http, CancellationToken ct) =>
        {
            NoStore(http);
            return await desk.IssueForStaffAsync(id, ct) is { } issued
                ? Results.Ok(IssuedBody(issued))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
        }).RequirePermission(Permission.IssueHealthCodes).Idempotent();

        // The resident app's backend, with its integration token (never a session, one endpoint).
        open.MapPost("/integration/codes", async (IntegrationIssueRequest request, IntegrationClients clients, HttpContext http, CancellationToken ct) =>
        {
            NoStore(http);
            var client = await clients.AuthenticateAsync(http.Request.Headers.Authorization.ToString(), ct);
            if (client is null)
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "集成令牌无效 / Invalid integration token");
            return await clients.IssueAsync(client, request, http.Connection.RemoteIpAddress?.ToString(), ct);
        });

        // Security administrator: keys, trusted issuers, integration clients.
        var admin = api.MapGroup("/admin").RequirePermission(Permission.ManageHealthCodeKeys);
        admin.MapGet("/keys", async (SigningKeys keys, CancellationToken ct) => Results.Ok((await keys.AllAsync(ct)).Select(k => new
        {
            k.KeyId, k.Issuer, k.CreatedAt, k.CreatedBy, k.SignUntil, k.RetiresAt, k.RotatedBy, signing = k.IsSigning,
        })));
        admin.MapPost("/keys/rotate", async (RotateRequest request, SigningKeys keys, CurrentUser user, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 200)
                return new FieldErrors().Add("reason", "请说明轮换原因（最多 200 字）/ give a reason (at most 200 characters)").ToProblem();
            var key = await keys.RotateAsync(user.Actor, request.Reason.Trim(), null, ct);
            return Results.Ok(new { key.KeyId, key.CreatedAt });
        }).Idempotent();
        admin.MapGet("/trusted-issuers", async (TrustedIssuers issuers, CancellationToken ct) => Results.Ok(await issuers.ListAsync(ct)));
        admin.MapPost("/trusted-issuers", async (TrustedIssuerInput input, TrustedIssuers issuers, CancellationToken ct) =>
            (await issuers.ImportAsync(input, ct)).ToHttp(v => Results.Ok(v))).Idempotent();
        admin.MapDelete("/trusted-issuers/{issuer}", async (string issuer, TrustedIssuers issuers, CancellationToken ct) =>
            await issuers.RemoveAsync(issuer, ct) ? Results.NoContent() : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found"));
        admin.MapGet("/integration-clients", async (IntegrationClients clients, CancellationToken ct) => Results.Ok(await clients.ListAsync(ct)));
        admin.MapPost("/integration-clients", async (ClientRequest request, IntegrationClients clients, HttpContext http, CancellationToken ct) =>
        {
            NoStore(http);
            return (await clients.CreateAsync(request.Name, ct)).ToHttp(v => Results.Ok(v));
        });
        admin.MapDelete("/integration-clients/{id:guid}", async (Guid id, IntegrationClients clients, CancellationToken ct) =>
            await clients.RevokeAsync(id, ct) ? Results.NoContent() : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found"));
        return app;
    }

    internal static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }
}

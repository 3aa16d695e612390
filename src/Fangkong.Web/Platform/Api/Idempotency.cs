using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Api;

// Marks an endpoint as a create that honours Idempotency-Key, so a test can list every create without it.
public sealed class IdempotentCreateMetadata;

public static class IdempotencyEndpoints
{
    // A create: the IdempotencyFilter plus the marker the endpoint test looks for.
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new IdempotentCreateMetadata());
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();
        return builder;
    }
}

// Idempotency-Key on creates: the first request with a key claims it by inserting a row (the primary
// key decides the race), runs, and stores its answer; every later or concurrent request with the same
// key waits for that answer and gets it back, so 20 identical parallel posts make one record.
// A claim whose request died before completing (a crash, a killed process) would otherwise hold the
// key forever: once it is older than the lease (Fangkong:IdempotencyClaimLease, on the platform
// clock) the same request retried takes it over, by one guarded update, and runs.
public sealed class IdempotencyFilter(DbContextOptions<FangkongDb> dbOptions, TimeProvider clock, IOptions<PlatformOptions> platform) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key)) return await next(context);
        if (key.Length > 100)
            return new FieldErrors().Add(Header, "Idempotency-Key 最长 100 字符 / at most 100 characters").ToProblem();

        var userId = http.RequestServices.GetRequiredService<CurrentUser>().UserId ?? "anonymous";
        // The request is its path and the bodies it bound; the services a handler takes are not part of it.
        var isService = http.RequestServices.GetService<IServiceProviderIsService>();
        var requestHash = Hash(http.Request.Path + "\n" + JsonSerializer.Serialize(
            context.Arguments.Where(a => a is not null && a is not HttpContext && a.GetType().Namespace?.StartsWith("Fangkong", StringComparison.Ordinal) == true
                && isService?.IsService(a.GetType()) != true)));

        if (await TryClaim(userId, key, requestHash, http.RequestAborted)) return await RunAndComplete();

        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < WaitLimit)
        {
            await using var db = NewDb();
            var record = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, http.RequestAborted);
            if (record is null)
            {
                if (await TryClaim(userId, key, requestHash, http.RequestAborted)) return await RunAndComplete();
                continue;
            }
            if (record.RequestHash != requestHash)
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key 已用于另一个请求 / Idempotency-Key was used for a different request");
            if (record.IsCompleted)
            {
                if (record.Location is not null) http.Response.Headers.Location = record.Location;
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return Results.Content(record.ResponseBody ?? "", "application/json", Encoding.UTF8, record.StatusCode);
            }
            if (await TryTakeOverStale(userId, key, requestHash, http.RequestAborted)) return await RunAndComplete();
            await Task.Delay(50, http.RequestAborted);
        }
        return Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "同一请求仍在处理中 / The first request with this Idempotency-Key is still running");

        async Task<object?> RunAndComplete()
        {
            object? result;
            try
            {
                result = await next(context);
            }
            catch
            {
                await Release(userId, key);
                throw;
            }
            if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
            {
                var body = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), JsonOptions(http)) : null;
                var location = result.GetType().GetProperty("Location")?.GetValue(result) as string;
                await Complete(userId, key, success.StatusCode ?? StatusCodes.Status200OK, location, body);
            }
            else
            {
                // A refused request did not happen: the client may fix it and retry with the same key.
                await Release(userId, key);
            }
            return result;
        }
    }

    private FangkongDb NewDb() => new(dbOptions, JurisdictionContext.ForSystem());

    private async Task<bool> TryClaim(string userId, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var db = NewDb();
        db.IdempotencyRecords.Add(new IdempotencyRecord(userId, key, requestHash, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    // Only a claim that is still open and older than the lease; of two retries racing for it, the
    // update of the first moves CreatedAt to now, so the second's condition no longer holds.
    private async Task<bool> TryTakeOverStale(string userId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - platform.Value.IdempotencyClaimLease;
        await using var db = NewDb();
        return await db.IdempotencyRecords
            .Where(r => r.UserId == userId && r.Key == key && r.RequestHash == requestHash && r.StatusCode == null && r.CreatedAt < staleBefore)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, now), cancellationToken) == 1;
    }

    private async Task Complete(string userId, string key, int status, string? location, string? body)
    {
        await using var db = NewDb();
        var record = await db.IdempotencyRecords.FirstAsync(r => r.UserId == userId && r.Key == key);
        record.Complete(status, location, body);
        await db.SaveChangesAsync();
    }

    private async Task Release(string userId, string key)
    {
        await using var db = NewDb();
        await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync();
    }

    private static JsonSerializerOptions JsonOptions(HttpContext http) =>
        http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

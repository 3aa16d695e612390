using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Platform.Api;

// Idempotency-Key on creates: the first request with a key claims it by inserting a row (the primary
// key decides the race), runs, and stores its answer; every later or concurrent request with the same
// key waits for that answer and gets it back, so 20 identical parallel posts make one record.
public sealed class IdempotencyFilter(DbContextOptions<FangkongDb> dbOptions, TimeProvider clock) : IEndpointFilter
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
        var requestHash = Hash(http.Request.Path + "\n" + JsonSerializer.Serialize(
            context.Arguments.Where(a => a is not null && a is not HttpContext && a.GetType().Namespace?.StartsWith("Fangkong", StringComparison.Ordinal) == true)));

        if (await TryClaim(userId, key, requestHash, http.RequestAborted)) return await RunAndComplete();

        var deadline = clock.GetUtcNow() + WaitLimit;
        while (clock.GetUtcNow() < deadline)
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

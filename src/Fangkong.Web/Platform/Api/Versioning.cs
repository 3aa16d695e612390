using Microsoft.Net.Http.Headers;

namespace Fangkong.Web.Platform.Api;

// Optimistic concurrency over HTTP: every mutable record's version is its ETag; an edit must send it
// back in If-Match, and a stale one is answered 412 so no update is lost.
public static class Versioning
{
    public static string ETagOf(int version) => $"\"{version}\"";

    public static void SetETag(HttpContext http, int version) => http.Response.Headers.ETag = ETagOf(version);

    // Returns the version the client last saw, or a problem result (428 when absent, 400 when unreadable).
    public static (int? Version, IResult? Problem) ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return (null, Results.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                title: "缺少 If-Match / If-Match required",
                detail: "Send the ETag from your last GET in If-Match so a concurrent edit is not overwritten."));
        if (!EntityTagHeaderValue.TryParse(header, out var tag) || !int.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "If-Match 无法识别 / If-Match is not a Fangkong ETag"));
        return (version, null);
    }

    // A change under If-Match: the version the client last saw goes to the use case, and the answer
    // carries the record with its new ETag.
    public static async Task<IResult> ApplyAsync<T>(HttpContext http, Func<int, Task<WriteOutcome<T>>> change, Func<T, int> versionOf)
    {
        var (expected, problem) = ExpectedVersion(http.Request);
        if (problem is not null) return problem;
        return (await change(expected!.Value)).ToHttp(value =>
        {
            SetETag(http, versionOf(value));
            return Results.Ok(value);
        });
    }

    public static IResult Stale(int current) => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
        title: "记录已被他人修改 / The record changed since you read it",
        detail: $"Current version is {current}; read it again and reapply your change.");
}

namespace Fangkong.Web.Platform.Api;

// The result of a use case that writes: the API maps it to HTTP, a page to a form state.
public abstract record WriteOutcome<T>
{
    public sealed record Done(T Value) : WriteOutcome<T>;
    public sealed record Invalid(FieldErrors Errors) : WriteOutcome<T>;
    // The target lies outside the caller's jurisdiction or the caller lacks the right.
    public sealed record Forbidden(FieldErrors Errors) : WriteOutcome<T>;
    // Someone else got there first (the last vehicle, the last bed): 409 with the current state by field.
    public sealed record Conflict(FieldErrors Errors) : WriteOutcome<T>;
    public sealed record NotFound : WriteOutcome<T>;
    public sealed record Stale(int CurrentVersion) : WriteOutcome<T>;

    public IResult ToHttp(Func<T, IResult> done) => this switch
    {
        Done d => done(d.Value),
        Invalid i => i.Errors.ToProblem(),
        Forbidden f => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
            title: "超出管辖范围或权限 / Outside your jurisdiction or rights",
            extensions: new Dictionary<string, object?> { ["errors"] = f.Errors.All }),
        Conflict c => Results.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "已被他人抢先 / Someone else got there first",
            extensions: new Dictionary<string, object?> { ["errors"] = c.Errors.All }),
        NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found"),
        Stale s => Versioning.Stale(s.CurrentVersion),
        _ => throw new InvalidOperationException(),
    };
}

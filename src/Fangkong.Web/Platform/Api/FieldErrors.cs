namespace Fangkong.Web.Platform.Api;

// Collects validation failures by field (camelCase, as in the JSON body or the import's column) and
// turns them into an RFC 7807 validation problem that names every bad field.
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public IReadOnlyDictionary<string, List<string>> All => _errors;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public IResult ToProblem(string? title = null) =>
        Results.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            title: title ?? "请求中有无效字段 / One or more fields are invalid");

    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}

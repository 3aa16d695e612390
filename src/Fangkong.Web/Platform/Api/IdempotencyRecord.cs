namespace Fangkong.Web.Platform.Api;

// Remembers the answer to a create request by (user, Idempotency-Key) so a retried or duplicated
// submission gets the first answer instead of a second record.
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public IdempotencyRecord(string userId, string key, string requestHash, DateTime createdAt)
    {
        UserId = userId;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
    }

    public string UserId { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public int? StatusCode { get; private set; }
    public string? Location { get; private set; }
    public string? ResponseBody { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public bool IsCompleted => StatusCode is not null;

    public void Complete(int statusCode, string? location, string? body)
    {
        StatusCode = statusCode;
        Location = location;
        ResponseBody = body;
    }
}

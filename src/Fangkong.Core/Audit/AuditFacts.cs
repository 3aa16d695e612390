namespace Fangkong.Core.Audit;

public sealed record AuditFacts(
    long Sequence,
    DateTimeOffset At,
    string? UserName,
    string? Role,
    string? Address,
    string Action,
    string? ObjectType,
    string? ObjectId,
    string Outcome,
    string? Detail);

namespace Fangkong.Core.Audit;

public sealed record AuditChainBreak(long Sequence, string Reason);

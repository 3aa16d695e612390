namespace Fangkong.Core.Audit;

public sealed record AuditChainRow(AuditFacts Facts, string PreviousHash, string Hash);

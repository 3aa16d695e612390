namespace Fangkong.Core.Audit;

// Version says how Hash was computed (AuditHashChain.Plain or Keyed), so chains written before the
// keyed scheme still verify.
public sealed record AuditChainRow(AuditFacts Facts, string PreviousHash, string Hash, int Version = AuditHashChain.Plain);

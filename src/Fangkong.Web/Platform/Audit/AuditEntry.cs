using Fangkong.Core.Audit;

namespace Fangkong.Web.Platform.Audit;

// One row of the append-only audit trail. The application only ever inserts these; database triggers
// refuse UPDATE and DELETE, and the hash chain makes any change made around the triggers detectable.
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(AuditFacts facts, string previousHash, string hash, int hashVersion)
    {
        HashVersion = hashVersion;
        Sequence = facts.Sequence;
        At = facts.At.UtcDateTime;
        UserName = facts.UserName;
        Role = facts.Role;
        Address = facts.Address;
        Action = facts.Action;
        ObjectType = facts.ObjectType;
        ObjectId = facts.ObjectId;
        Outcome = facts.Outcome;
        Detail = facts.Detail;
        PreviousHash = previousHash;
        Hash = hash;
    }

    public long Sequence { get; private set; }
    public DateTime At { get; private set; }
    public string? UserName { get; private set; }
    public string? Role { get; private set; }
    public string? Address { get; private set; }
    public string Action { get; private set; } = "";
    public string? ObjectType { get; private set; }
    public string? ObjectId { get; private set; }
    public string Outcome { get; private set; } = "";
    public string? Detail { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
    // AuditHashChain.Plain (rows written before the chain was keyed) or AuditHashChain.Keyed.
    public int HashVersion { get; private set; } = AuditHashChain.Plain;

    public AuditFacts ToFacts() => new(Sequence, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)),
        UserName, Role, Address, Action, ObjectType, ObjectId, Outcome, Detail);

    public AuditChainRow ToChainRow() => new(ToFacts(), PreviousHash, Hash, HashVersion);
}

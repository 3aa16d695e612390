using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Fangkong.HealthCodes;

// Every reason a token can fail, distinct, because a checkpoint acts differently on each: a revoked or
// expired code means "ask for a fresh one", an unknown key means "sync the key set", a bad signature
// means "forged or altered".
public enum VerificationOutcome
{
    Valid,
    Malformed,
    UnknownIssuer,
    UnknownKey,
    KeyRetired,
    BadSignature,
    NotYetValid,
    Expired,
    Revoked,
}

public sealed record VerificationResult(VerificationOutcome Outcome, HealthCodePayload? Payload)
{
    public bool IsValid => Outcome == VerificationOutcome.Valid;
}

// The issuers a verifier trusts (its own city and the cities it recognises, 互认) and what they revoked.
public sealed class TrustStore
{
    private readonly Dictionary<string, KeySet> sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> revoked = new(StringComparer.Ordinal);

    public TrustStore Add(KeySet set)
    {
        sets[set.Issuer] = set;
        return this;
    }

    public TrustStore Revoke(string issuer, IEnumerable<string> serials)
    {
        if (!revoked.TryGetValue(issuer, out var set)) revoked[issuer] = set = new HashSet<string>(StringComparer.Ordinal);
        set.UnionWith(serials);
        return this;
    }

    public KeySet? Issuer(string code) => sets.GetValueOrDefault(code);
    public bool IsRevoked(string issuer, string serial) => revoked.TryGetValue(issuer, out var s) && s.Contains(serial);
}

public static class HealthCodeVerifier
{
    // Clocks of phones at checkpoints drift; a token issued a minute "in the future" is not a forgery.
    public static readonly TimeSpan DefaultSkew = TimeSpan.FromMinutes(2);

    // Order matters: nothing in an unauthenticated payload (colour, times, serial) is believed before the
    // signature is checked, so a forged token reports BadSignature, never Expired or Revoked.
    public static VerificationResult Verify(string? token, TrustStore trust, DateTimeOffset now, TimeSpan? skew = null,
        Func<HealthCodePayload, bool>? isRevoked = null)
    {
        var tolerance = skew ?? DefaultSkew;
        if (!HealthCodeToken.TryParse(token, out var parsed)) return new(VerificationOutcome.Malformed, null);
        var p = parsed.Payload;
        var set = trust.Issuer(p.Issuer);
        if (set is null) return new(VerificationOutcome.UnknownIssuer, null);
        var key = set.Keys.FirstOrDefault(k => k.KeyId == p.KeyId);
        if (key is null) return new(VerificationOutcome.UnknownKey, null);
        if (!VerifierPool.TryRent(key, out var ecdsa)) return new(VerificationOutcome.UnknownKey, null);
        bool signed;
        try
        {
            signed = ecdsa.VerifyData(parsed.SignedBytes, parsed.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            VerifierPool.Return(key, ecdsa);
        }
        if (!signed) return new(VerificationOutcome.BadSignature, null);
        if (key.RetiresAt is { } retires && now.ToUnixTimeSeconds() >= retires) return new(VerificationOutcome.KeyRetired, p);
        if (p.ExpiresAt <= p.IssuedAt) return new(VerificationOutcome.Malformed, p);
        if (p.IssuedAt - tolerance > now)
            return new(VerificationOutcome.NotYetValid, p);
        if (now >= p.ExpiresAt) return new(VerificationOutcome.Expired, p);
        if (trust.IsRevoked(p.Issuer, p.Serial) || (isRevoked?.Invoke(p) ?? false)) return new(VerificationOutcome.Revoked, p);
        return new(VerificationOutcome.Valid, p);
    }
}

// Importing a public key validates the point (a scalar multiplication), which costs more than the
// verification itself; imported keys are therefore pooled by their coordinates. An ECDsa instance is
// not documented as safe for concurrent use, so each is rented by one verification at a time.
internal static class VerifierPool
{
    private const int MaxKeys = 256;
    private static readonly ConcurrentDictionary<string, ConcurrentBag<ECDsa>> Pools = new(StringComparer.Ordinal);

    public static bool TryRent(PublicKeyInfo key, out ECDsa ecdsa)
    {
        if (Pools.TryGetValue(Id(key), out var bag) && bag.TryTake(out ecdsa!)) return true;
        return key.TryCreateVerifier(out ecdsa);
    }

    public static void Return(PublicKeyInfo key, ECDsa ecdsa)
    {
        // Bounded: a verifier fed many distinct (e.g. forged) keys must not grow without limit.
        if (Pools.Count >= MaxKeys && !Pools.ContainsKey(Id(key)))
        {
            ecdsa.Dispose();
            return;
        }
        Pools.GetOrAdd(Id(key), _ => []).Add(ecdsa);
    }

    private static string Id(PublicKeyInfo key) => key.X + "." + key.Y;
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fangkong.HealthCodes;

// One issuer's public keys as published at /api/health-status/keys (JWKS-shaped, so generic JOSE tools
// read the keys): the issuer's GB/T 2260 city code, and per key its window. A key signs from NotBefore
// until it is rotated out; its tokens still verify until RetiresAt (rotation + the longest token
// lifetime); after that a verifier refuses it even if a stale copy of the set still lists it.
public sealed record KeySet(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("issuerName")] string IssuerName,
    [property: JsonPropertyName("keys")] IReadOnlyList<PublicKeyInfo> Keys)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    // Validates shape and every key's curve point, so an imported set can be trusted not to blow up later.
    public static bool TryParse(string json, out KeySet keySet, out string error)
    {
        keySet = new KeySet("", "", []);
        KeySet? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<KeySet>(json, Json);
        }
        catch (JsonException e)
        {
            error = "not a key set: " + e.Message;
            return false;
        }
        if (parsed is null || string.IsNullOrWhiteSpace(parsed.Issuer) || parsed.Keys is null)
        {
            error = "a key set needs an issuer and keys";
            return false;
        }
        foreach (var key in parsed.Keys)
        {
            if (key is null || !key.TryCreateVerifier(out var ecdsa))
            {
                error = $"key {key?.KeyId} is not an EC P-256 public key";
                return false;
            }
            ecdsa.Dispose();
        }
        if (parsed.Keys.Select(k => k.KeyId).Distinct(StringComparer.Ordinal).Count() != parsed.Keys.Count)
        {
            error = "key ids repeat";
            return false;
        }
        keySet = parsed;
        error = "";
        return true;
    }
}

public sealed record PublicKeyInfo(
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("nbf")] long NotBefore,
    [property: JsonPropertyName("retires")] long? RetiresAt)
{
    [JsonPropertyName("kty")] public string KeyType { get; init; } = "EC";
    [JsonPropertyName("crv")] public string Curve { get; init; } = "P-256";
    [JsonPropertyName("alg")] public string Algorithm { get; init; } = "ES256";
    [JsonPropertyName("use")] public string Use { get; init; } = "sig";

    public static PublicKeyInfo From(string keyId, ECDsa key, DateTimeOffset notBefore, DateTimeOffset? retiresAt)
    {
        var p = key.ExportParameters(false);
        return new PublicKeyInfo(keyId, Base64Url.Encode(p.Q.X), Base64Url.Encode(p.Q.Y), notBefore.ToUnixTimeSeconds(), retiresAt?.ToUnixTimeSeconds());
    }

    public bool TryCreateVerifier(out ECDsa key)
    {
        key = null!;
        if (KeyType != "EC" || Curve != "P-256" || string.IsNullOrEmpty(KeyId)) return false;
        if (!Base64Url.TryDecode(X, out var x) || !Base64Url.TryDecode(Y, out var y) || x.Length != 32 || y.Length != 32) return false;
        try
        {
            // ImportParameters validates that the point lies on the curve.
            key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fangkong.HealthCodes;

// FK1.<base64url(JSON payload)>.<base64url(ECDSA P-256 signature, r||s)>
// The signature covers the ASCII text "FK1.<payload part>", as in JWS, so a verifier checks the bytes it
// received and never a re-serialisation; r||s (IEEE P1363) is what WebCrypto's verify expects.
public static class HealthCodeToken
{
    public const string Prefix = "FK1";
    public const int MaxLength = 1024;
    private const int SignatureBytes = 64;

    public static string Sign(HealthCodePayload payload, ECDsa key)
    {
        var head = Prefix + "." + Base64Url.Encode(Serialise(payload));
        var signature = key.SignData(Encoding.ASCII.GetBytes(head), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return head + "." + Base64Url.Encode(signature);
    }

    public static byte[] Serialise(HealthCodePayload p)
    {
        using var buffer = new MemoryStream();
        // Names stay raw UTF-8 (3 bytes a character, not a 6-byte \u escape): the payload is base64url,
        // never embedded in HTML, and every byte saved is a smaller QR code.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("iss", p.Issuer);
            w.WriteString("kid", p.KeyId);
            w.WriteString("sn", p.Serial);
            w.WriteString("c", CodeColours.ToWire(p.Colour));
            w.WriteNumber("iat", p.IssuedAt.ToUnixTimeSeconds());
            w.WriteNumber("exp", p.ExpiresAt.ToUnixTimeSeconds());
            w.WriteString("nm", p.MaskedName);
            w.WriteString("id4", p.IdLast4);
            w.WriteString("sh", p.SubjectHash);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    // Splits and decodes without judging the signature: a malformed token is one whose parts cannot be
    // read, and nothing else is decided here.
    public static bool TryParse(string? token, out ParsedHealthCode parsed)
    {
        parsed = default!;
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxLength) return false;
        token = token.Trim();
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Prefix) return false;
        if (!Base64Url.TryDecode(parts[1], out var json) || !Base64Url.TryDecode(parts[2], out var signature)) return false;
        if (signature.Length != SignatureBytes) return false;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            long? Num(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
            var (iss, kid, sn, c, nm, id4, sh) = (Str("iss"), Str("kid"), Str("sn"), Str("c"), Str("nm"), Str("id4"), Str("sh"));
            var (iat, exp) = (Num("iat"), Num("exp"));
            if (iss is null || kid is null || sn is null || nm is null || id4 is null || sh is null || iat is null || exp is null) return false;
            if (!CodeColours.TryParse(c, out var colour)) return false;
            if (iat < 0 || exp < 0 || iat > 253402300799 || exp > 253402300799) return false;
            var payload = new HealthCodePayload(iss, kid, sn, colour, DateTimeOffset.FromUnixTimeSeconds(iat.Value),
                DateTimeOffset.FromUnixTimeSeconds(exp.Value), nm, id4, sh);
            parsed = new ParsedHealthCode(payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

public sealed record ParsedHealthCode(HealthCodePayload Payload, byte[] SignedBytes, byte[] Signature);

using System.Globalization;
using System.Text.Json;
using Fangkong.HealthCodes;

namespace Fangkong.Cli.Commands;

// `fangkong health-code verify` for checkpoint gates and turnstiles: the same verifier as the web host
// and the offline page, against a key file the checkpoint downloaded (/api/health-status/keys of one
// city, or /api/health-status/trust-bundle with every recognised city and the revocations). No database.
internal static class HealthCodeCommand
{
    public static Command Create(CliHost host)
    {
        var keys = new Option<FileInfo>("--keys")
        {
            Description = "Key file: a city's key set (/api/health-status/keys), an array of key sets, or a trust bundle "
                + "(/api/health-status/trust-bundle: key sets and revoked serials).",
            Required = true,
        };
        var revocations = new Option<FileInfo?>("--revocations")
        {
            Description = "A revocation list (/api/health-status/revocations) to apply in addition to the bundle's.",
        };
        var id = new Option<string?>("--id")
        {
            Description = "The ID number on the card presented with the code: checks it is the same person (not printed, not kept).",
        };
        var at = new Option<string?>("--at")
        {
            Description = "Verify as of this time (ISO 8601, e.g. 2026-11-22T10:00:00+08:00) instead of now.",
        };
        var json = new Option<bool>("--json") { Description = "Print the answer as one JSON object." };
        var token = new Argument<string>("TOKEN") { Description = "The scanned code (FK1.…)." };
        var verify = new Command("verify",
            "Verify a health code offline: signature (ECDSA P-256), key retirement, validity window, revocation. "
            + "Prints the outcome (Valid, Malformed, UnknownIssuer, UnknownKey, KeyRetired, BadSignature, NotYetValid, Expired, Revoked), "
            + "colour, issuer and masked holder. Exit codes: 0 valid; 1 any other outcome; 2 invalid arguments or unreadable key file.")
        {
            keys, revocations, id, at, json, token,
        };
        verify.SetAction(parse =>
        {
            var terminal = host.Terminal;
            var trust = new TrustStore();
            if (!Load(terminal, parse.GetValue(keys)!, trust)) return ExitCodes.Usage;
            if (parse.GetValue(revocations) is { } listFile && !LoadRevocations(terminal, listFile, trust)) return ExitCodes.Usage;
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(at) is { } when && !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
            {
                terminal.Err.WriteLine($"error: --at: '{when}' is not an ISO 8601 time.");
                return ExitCodes.Usage;
            }
            var result = HealthCodeVerifier.Verify(parse.GetValue(token), trust, now);
            bool? idMatches = parse.GetValue(id) is { Length: > 0 } presented && result.Payload is { } p ? SubjectBinding.Matches(p, presented) : null;
            var valid = result.IsValid && idMatches != false;
            var payload = result.Payload;
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    outcome = result.Outcome.ToString(), valid, issuer = payload?.Issuer, issuerName = payload is null ? null : trust.Issuer(payload.Issuer)?.IssuerName,
                    colour = payload?.Colour.ToString(), serial = payload?.Serial, maskedName = payload?.MaskedName, idLast4 = payload?.IdLast4,
                    issuedAt = payload?.IssuedAt, expiresAt = payload?.ExpiresAt, idMatches,
                }));
            }
            else
            {
                terminal.Out.WriteLine(result.Outcome.ToString());
                if (payload is not null)
                {
                    terminal.Out.WriteLine($"colour: {payload.Colour}");
                    terminal.Out.WriteLine($"issuer: {payload.Issuer} {trust.Issuer(payload.Issuer)?.IssuerName}");
                    terminal.Out.WriteLine($"holder: {payload.MaskedName} ****{payload.IdLast4}");
                    terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"valid: {payload.IssuedAt:u} – {payload.ExpiresAt:u}"));
                }
                if (idMatches is { } m) terminal.Out.WriteLine(m ? "id: matches" : "id: DOES NOT MATCH");
            }
            return valid ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return new Command("health-code", "Health codes (健康码): verify a scanned code against downloaded public keys.") { verify };
    }

    private static bool Load(Terminal terminal, FileInfo file, TrustStore trust)
    {
        if (!file.Exists)
        {
            terminal.Err.WriteLine($"error: --keys: {file.FullName} does not exist.");
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
            var root = doc.RootElement;
            IEnumerable<JsonElement> sets = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object when root.TryGetProperty("keySets", out var list) => list.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => [],
            };
            var count = 0;
            foreach (var element in sets)
            {
                if (!KeySet.TryParse(element.GetRawText(), out var set, out var why))
                {
                    terminal.Err.WriteLine($"error: --keys: {why}");
                    return false;
                }
                trust.Add(set);
                count++;
            }
            if (count == 0)
            {
                terminal.Err.WriteLine("error: --keys: no key set in the file.");
                return false;
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("revocations", out var revoked))
                AddRevocations(revoked, trust);
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            terminal.Err.WriteLine($"error: --keys: {e.Message}");
            return false;
        }
    }

    private static bool LoadRevocations(Terminal terminal, FileInfo file, TrustStore trust)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
            AddRevocations(doc.RootElement, trust);
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException)
        {
            terminal.Err.WriteLine($"error: --revocations: {e.Message}");
            return false;
        }
    }

    private static void AddRevocations(JsonElement list, TrustStore trust) =>
        trust.Revoke(list.GetProperty("issuer").GetString()!, list.GetProperty("serials").EnumerateArray().Select(s => s.GetString()!));
}

using System.Text.Json.Serialization;

namespace Fangkong.HealthCodes;

// Serials of revoked tokens that have not expired yet (an expired token fails anyway, so the list stays
// as small as the live tokens). "since" makes it incremental: a checkpoint asks for what changed after
// its last sync and adds it; "asOf" is the time to ask from next.
public sealed record RevocationList(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("asOf")] long AsOf,
    [property: JsonPropertyName("since")] long? Since,
    [property: JsonPropertyName("serials")] IReadOnlyList<string> Serials);

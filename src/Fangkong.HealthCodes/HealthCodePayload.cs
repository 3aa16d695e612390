namespace Fangkong.HealthCodes;

// What a token asserts. The subject names nobody outright: a masked name and the last four characters
// of the ID number let an officer see the card matches; SubjectHash lets a verifier holding the
// presented ID card confirm it exactly (SubjectBinding).
public sealed record HealthCodePayload(
    string Issuer,
    string KeyId,
    string Serial,
    CodeColour Colour,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string MaskedName,
    string IdLast4,
    string SubjectHash);

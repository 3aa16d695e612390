using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fangkong.HealthCodes.Tests;

public sealed class HealthCodeTokenTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private const string Id = "310115199001011239";

    private sealed class City(string code, string name)
    {
        public string Code { get; } = code;
        public List<(string Kid, ECDsa Key, DateTimeOffset From, DateTimeOffset? Retires)> Keys { get; } = [];

        public City WithKey(string kid, DateTimeOffset from, DateTimeOffset? retires = null)
        {
            Keys.Add((kid, ECDsa.Create(ECCurve.NamedCurves.nistP256), from, retires));
            return this;
        }

        public KeySet KeySet() => new(Code, name, Keys.Select(k => PublicKeyInfo.From(k.Kid, k.Key, k.From, k.Retires)).ToList());

        public string Issue(string kid, CodeColour colour, DateTimeOffset at, TimeSpan? lifetime = null, string serial = "s1")
        {
            var key = Keys.Single(k => k.Kid == kid).Key;
            var payload = new HealthCodePayload(Code, kid, serial, colour, at, at + (lifetime ?? TimeSpan.FromHours(24)), "张*", SubjectBinding.Last4(Id),
                SubjectBinding.Hash(Id, serial));
            return HealthCodeToken.Sign(payload, key);
        }
    }

    private static City Shanghai() => new City("3101", "上海市").WithKey("3101-a", T0.AddDays(-1));

    [Fact]
    public void A_freshly_signed_token_verifies_with_the_issuers_key_set()
    {
        var sh = Shanghai();
        var token = sh.Issue("3101-a", CodeColour.Green, T0);
        var result = HealthCodeVerifier.Verify(token, new TrustStore().Add(sh.KeySet()), T0.AddMinutes(5));
        Assert.Equal(VerificationOutcome.Valid, result.Outcome);
        Assert.Equal(CodeColour.Green, result.Payload!.Colour);
        Assert.Equal("3101", result.Payload.Issuer);
        Assert.StartsWith("FK1.", token);
        Assert.True(token.Length < 400, $"token is {token.Length} characters; a QR code of it must stay scannable");
    }

    [Fact]
    public void A_token_carries_neither_the_name_nor_the_id_number()
    {
        var token = Shanghai().Issue("3101-a", CodeColour.Green, T0);
        Assert.True(HealthCodeToken.TryParse(token, out var parsed));
        var json = Encoding.UTF8.GetString(HealthCodeToken.Serialise(parsed.Payload));
        Assert.DoesNotContain("3101151990", json);
        Assert.DoesNotContain("19900101", json);
        Assert.Equal("1239", parsed.Payload.IdLast4);
    }

    [Theory]
    [InlineData("R")]
    [InlineData("Y")]
    public void A_token_whose_colour_was_changed_fails_the_signature(string forged)
    {
        var sh = Shanghai();
        var token = sh.Issue("3101-a", CodeColour.Green, T0);
        var parts = token.Split('.');
        Assert.True(Base64Url.TryDecode(parts[1], out var json));
        var node = JsonNode.Parse(json)!;
        node["c"] = forged;
        var tampered = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()))}.{parts[2]}";
        var result = HealthCodeVerifier.Verify(tampered, new TrustStore().Add(sh.KeySet()), T0);
        Assert.Equal(VerificationOutcome.BadSignature, result.Outcome);
        Assert.Null(result.Payload);
    }

    [Fact]
    public void A_token_with_an_extended_expiry_fails_the_signature()
    {
        var sh = Shanghai();
        var token = sh.Issue("3101-a", CodeColour.Green, T0);
        var parts = token.Split('.');
        Assert.True(Base64Url.TryDecode(parts[1], out var json));
        var node = JsonNode.Parse(json)!;
        node["exp"] = T0.AddDays(30).ToUnixTimeSeconds();
        var tampered = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()))}.{parts[2]}";
        Assert.Equal(VerificationOutcome.BadSignature, HealthCodeVerifier.Verify(tampered, new TrustStore().Add(sh.KeySet()), T0.AddDays(2)).Outcome);
    }

    [Fact]
    public void A_token_signed_by_another_key_under_the_same_key_id_fails()
    {
        var sh = Shanghai();
        var impostor = new City("3101", "上海市").WithKey("3101-a", T0.AddDays(-1));
        var forged = impostor.Issue("3101-a", CodeColour.Green, T0);
        Assert.Equal(VerificationOutcome.BadSignature, HealthCodeVerifier.Verify(forged, new TrustStore().Add(sh.KeySet()), T0).Outcome);
    }

    [Fact]
    public void A_token_naming_a_key_the_issuer_never_published_is_unknown_key()
    {
        var sh = Shanghai();
        var other = new City("3101", "上海市").WithKey("3101-z", T0);
        var token = other.Issue("3101-z", CodeColour.Green, T0);
        Assert.Equal(VerificationOutcome.UnknownKey, HealthCodeVerifier.Verify(token, new TrustStore().Add(sh.KeySet()), T0).Outcome);
    }

    [Fact]
    public void A_token_from_an_issuer_not_in_the_trust_store_is_unknown_issuer()
    {
        var hz = new City("3301", "杭州市").WithKey("3301-a", T0);
        var token = hz.Issue("3301-a", CodeColour.Green, T0);
        Assert.Equal(VerificationOutcome.UnknownIssuer, HealthCodeVerifier.Verify(token, new TrustStore().Add(Shanghai().KeySet()), T0).Outcome);
    }

    [Fact]
    public void Two_cities_recognise_each_others_tokens_once_each_trusts_the_others_key_set()
    {
        var sh = Shanghai();
        var hz = new City("3301", "杭州市").WithKey("3301-a", T0);
        var trust = new TrustStore().Add(sh.KeySet()).Add(hz.KeySet());
        Assert.Equal(VerificationOutcome.Valid, HealthCodeVerifier.Verify(hz.Issue("3301-a", CodeColour.Yellow, T0), trust, T0).Outcome);
        Assert.Equal(VerificationOutcome.Valid, HealthCodeVerifier.Verify(sh.Issue("3101-a", CodeColour.Green, T0), trust, T0).Outcome);
        // A key of Hangzhou presented as Shanghai's does not pass: keys are looked up under the token's issuer.
        var hzKeyAsShanghai = new HealthCodePayload("3101", "3301-a", "x", CodeColour.Green, T0, T0.AddHours(1), "李*", "0000", "h");
        Assert.Equal(VerificationOutcome.UnknownKey, HealthCodeVerifier.Verify(HealthCodeToken.Sign(hzKeyAsShanghai, hz.Keys[0].Key), trust, T0).Outcome);
    }

    [Theory]
    [InlineData(-121, VerificationOutcome.NotYetValid)] // issued more than the 2-minute skew in the future
    [InlineData(-119, VerificationOutcome.Valid)]
    [InlineData(0, VerificationOutcome.Valid)]
    [InlineData(24 * 3600 - 1, VerificationOutcome.Valid)] // last second of a 24 h token
    [InlineData(24 * 3600, VerificationOutcome.Expired)] // expiry is exclusive
    [InlineData(30 * 24 * 3600, VerificationOutcome.Expired)]
    public void Validity_window_boundaries(int secondsAfterIssue, VerificationOutcome expected)
    {
        var sh = Shanghai();
        var token = sh.Issue("3101-a", CodeColour.Green, T0);
        Assert.Equal(expected, HealthCodeVerifier.Verify(token, new TrustStore().Add(sh.KeySet()), T0.AddSeconds(secondsAfterIssue)).Outcome);
    }

    [Fact]
    public void After_rotation_the_previous_keys_tokens_verify_until_that_key_retires()
    {
        var rotatedAt = T0.AddDays(7);
        var retires = rotatedAt.AddHours(24);
        var sh = new City("3101", "上海市").WithKey("3101-a", T0, retires).WithKey("3101-b", rotatedAt);
        var trust = new TrustStore().Add(sh.KeySet());
        var old = sh.Issue("3101-a", CodeColour.Green, rotatedAt.AddMinutes(-1));
        var fresh = sh.Issue("3101-b", CodeColour.Green, rotatedAt.AddMinutes(1));
        Assert.Equal(VerificationOutcome.Valid, HealthCodeVerifier.Verify(old, trust, rotatedAt.AddHours(1)).Outcome);
        Assert.Equal(VerificationOutcome.Valid, HealthCodeVerifier.Verify(fresh, trust, rotatedAt.AddHours(1)).Outcome);
        Assert.Equal(VerificationOutcome.KeyRetired, HealthCodeVerifier.Verify(old, trust, retires).Outcome);
        // Once the published set drops the retired key, a verifier that synced no longer knows it at all.
        var synced = new TrustStore().Add(new KeySet("3101", "上海市", sh.KeySet().Keys.Where(k => k.KeyId != "3101-a").ToList()));
        Assert.Equal(VerificationOutcome.UnknownKey, HealthCodeVerifier.Verify(old, synced, rotatedAt.AddHours(1)).Outcome);
    }

    [Fact]
    public void A_revoked_serial_fails_after_the_signature_passes()
    {
        var sh = Shanghai();
        var token = sh.Issue("3101-a", CodeColour.Green, T0, serial: "abc");
        var trust = new TrustStore().Add(sh.KeySet()).Revoke("3101", ["abc"]);
        Assert.Equal(VerificationOutcome.Revoked, HealthCodeVerifier.Verify(token, trust, T0).Outcome);
        // The same serial revoked by another issuer does not touch this one.
        var other = new TrustStore().Add(sh.KeySet()).Revoke("3301", ["abc"]);
        Assert.Equal(VerificationOutcome.Valid, HealthCodeVerifier.Verify(token, other, T0).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FK1")]
    [InlineData("FK1..")]
    [InlineData("FK2.eyJ9.AAAA")]
    [InlineData("FK1.not base64.AAAA")]
    [InlineData("FK1.e30.AAAA")] // "{}" and a short signature
    public void Unreadable_tokens_are_malformed(string token)
    {
        Assert.Equal(VerificationOutcome.Malformed, HealthCodeVerifier.Verify(token, new TrustStore().Add(Shanghai().KeySet()), T0).Outcome);
    }

    [Fact]
    public void A_token_with_a_missing_field_is_malformed_even_with_a_64_byte_signature()
    {
        var json = Encoding.UTF8.GetBytes("{\"iss\":\"3101\",\"kid\":\"3101-a\",\"sn\":\"s\",\"c\":\"G\",\"iat\":1}");
        var token = $"FK1.{Base64Url.Encode(json)}.{Base64Url.Encode(new byte[64])}";
        Assert.Equal(VerificationOutcome.Malformed, HealthCodeVerifier.Verify(token, new TrustStore(), T0).Outcome);
    }

    [Fact]
    public void The_subject_hash_matches_only_the_presented_card_it_was_made_for()
    {
        var token = Shanghai().Issue("3101-a", CodeColour.Green, T0, serial: "ser-1");
        Assert.True(HealthCodeToken.TryParse(token, out var parsed));
        Assert.True(SubjectBinding.Matches(parsed.Payload, Id));
        Assert.True(SubjectBinding.Matches(parsed.Payload, " " + Id.ToLowerInvariant() + " "));
        Assert.False(SubjectBinding.Matches(parsed.Payload, "310115199001021234"));
        // Same number, another token: the salt makes the hashes differ, so tokens cannot be linked by hash.
        Assert.NotEqual(SubjectBinding.Hash(Id, "ser-1"), SubjectBinding.Hash(Id, "ser-2"));
    }

    [Fact]
    public void A_key_set_round_trips_through_json_and_rejects_a_point_off_the_curve()
    {
        var set = Shanghai().KeySet();
        Assert.True(KeySet.TryParse(set.ToJson(), out var back, out _));
        Assert.Equal(set.Keys[0].X, back.Keys[0].X);
        Assert.Contains("\"kty\":\"EC\"", set.ToJson());
        var bad = set.ToJson().Replace(set.Keys[0].Y, Base64Url.Encode(new byte[32]));
        Assert.False(KeySet.TryParse(bad, out _, out var error));
        Assert.Contains("P-256", error);
        Assert.False(KeySet.TryParse("{\"keys\":[]}", out _, out _));
        Assert.False(KeySet.TryParse("nonsense", out _, out _));
    }

    [Fact]
    public void HealthCodes_references_only_the_dotnet_framework()
    {
        var references = typeof(HealthCodeVerifier).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard",
            $"Fangkong.HealthCodes references {name}"));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fangkong.HealthCodes;

namespace Fangkong.Cli.Tests;

// `fangkong health-code verify` at a checkpoint: downloaded keys in, outcome and exit code out; no database.
public sealed class HealthCodeVerifyTests : IDisposable
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
    private const string IdNumber = "310104198503070016";
    private readonly string _directory = Directory.CreateTempSubdirectory("fangkong-healthcode-").FullName;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Token(string serial = "cli-1") => HealthCodeToken.Sign(new HealthCodePayload("3101", "3101-k", serial, CodeColour.Yellow, Issued,
        Issued.AddHours(24), "李*", SubjectBinding.Last4(IdNumber), SubjectBinding.Hash(IdNumber, serial)), _key);

    private string KeysFile(object content)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content as string ?? JsonSerializer.Serialize(content));
        return path;
    }

    private KeySet Shanghai() => new("3101", "上海市", [PublicKeyInfo.From("3101-k", _key, Issued.AddDays(-1), null)]);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await Cli.RunAsync(args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task A_valid_code_exits_zero_with_colour_issuer_and_a_matching_card()
    {
        var run = await RunAsync("health-code", "verify", "--keys", KeysFile(Shanghai().ToJson()), "--at", "2026-11-22T12:00:00+08:00", "--id", IdNumber, Token());
        Assert.True(run.Exit == 0, run.Err + run.Out);
        Assert.StartsWith("Valid", run.Out);
        Assert.Contains("colour: Yellow", run.Out);
        Assert.Contains("上海市", run.Out);
        Assert.Contains("id: matches", run.Out);
        Assert.DoesNotContain(IdNumber, run.Out);
    }

    [Fact]
    public async Task A_recoloured_code_is_a_bad_signature_and_exits_one()
    {
        var parts = Token().Split('.');
        Assert.True(Base64Url.TryDecode(parts[1], out var json));
        var node = JsonNode.Parse(json)!;
        node["c"] = "G";
        var tampered = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()))}.{parts[2]}";
        var run = await RunAsync("health-code", "verify", "--keys", KeysFile(Shanghai().ToJson()), "--at", "2026-11-22T03:00:00Z", "--json", tampered);
        Assert.Equal(1, run.Exit);
        var answer = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("BadSignature", answer.GetProperty("outcome").GetString());
        Assert.False(answer.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_trust_bundle_carries_other_cities_and_revocations()
    {
        using var hz = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hangzhou = new KeySet("3301", "杭州市", [PublicKeyInfo.From("3301-k", hz, Issued.AddDays(-1), null)]);
        var bundle = $"{{\"asOf\":0,\"keySets\":[{Shanghai().ToJson()},{hangzhou.ToJson()}],\"revocations\":{{\"issuer\":\"3101\",\"asOf\":0,\"serials\":[\"cli-revoked\"]}}}}";
        var keys = KeysFile(bundle);
        Assert.StartsWith("Revoked", (await RunAsync("health-code", "verify", "--keys", keys, "--at", "2026-11-22T03:00:00Z", Token("cli-revoked"))).Out);
        var visitor = HealthCodeToken.Sign(new HealthCodePayload("3301", "3301-k", "hz-1", CodeColour.Green, Issued, Issued.AddHours(24), "赵*", "0017", "h"), hz);
        var run = await RunAsync("health-code", "verify", "--keys", keys, "--at", "2026-11-22T03:00:00Z", visitor);
        Assert.True(run.Exit == 0, run.Out);
        Assert.Contains("杭州市", run.Out);
        // A card that is not the holder's fails even though the code itself is fine.
        var other = await RunAsync("health-code", "verify", "--keys", keys, "--at", "2026-11-22T03:00:00Z", "--id", "310104198503070024", Token());
        Assert.Equal(1, other.Exit);
        Assert.Contains("DOES NOT MATCH", other.Out);
    }

    [Theory]
    [InlineData("2026-11-23T01:59:59Z", 0, "Valid")]
    [InlineData("2026-11-23T02:00:00Z", 1, "Expired")]
    [InlineData("2026-11-22T01:57:00Z", 1, "NotYetValid")]
    public async Task The_validity_window_is_judged_at_the_given_time(string at, int exit, string outcome)
    {
        var run = await RunAsync("health-code", "verify", "--keys", KeysFile(Shanghai().ToJson()), "--at", at, Token());
        Assert.Equal(exit, run.Exit);
        Assert.StartsWith(outcome, run.Out);
    }

    [Fact]
    public async Task An_unreadable_key_file_is_a_usage_error()
    {
        Assert.Equal(2, (await RunAsync("health-code", "verify", "--keys", Path.Combine(_directory, "missing.json"), Token())).Exit);
        var junk = await RunAsync("health-code", "verify", "--keys", KeysFile("{\"issuer\":\"3101\",\"keys\":[{\"kid\":\"x\",\"x\":\"AA\",\"y\":\"AA\",\"nbf\":0}]}"), Token());
        Assert.Equal(2, junk.Exit);
        Assert.Contains("P-256", junk.Err);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fangkong.HealthCodes;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Fangkong.Web.Tests.HealthStatus;

// 健康码: a person's status from the modules' reasons, signed tokens, revocation when the status changes,
// key rotation, 互认 with another city's key set, and who may do what.
public abstract class HealthStatusTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private HealthStatusHost Fk => HealthStatusHost.For(app);

    private static HealthStatusReason Reason(HealthColour colour, string code) =>
        new(colour, code, "测试原因", "test reason", new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc));

    private static async Task<JsonElement> Issue(HttpClient staff, Guid person)
    {
        var response = await staff.PostAsync($"/api/health-status/people/{person}/codes", null, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<JsonElement> Verify(string token)
    {
        var response = await Fk.Anonymous().PostAsJsonAsync("/api/health-status/verify", new { token }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static string Outcome(JsonElement answer) => answer.GetProperty("outcome").GetString()!;

    [Fact]
    public async Task Issue_verify_then_a_status_change_revokes_the_token_and_lists_it()
    {
        var (person, idNumber) = await Fk.NewPersonInXuhui();
        var xuhui = await Fk.SignedIn("xuhui");

        var status = await xuhui.GetFromJsonAsync<JsonElement>($"/api/health-status/people/{person}", Ct);
        Assert.Equal("Green", status.GetProperty("colour").GetString());
        Assert.Equal(HealthStatusService.NoRecordCode, status.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.DoesNotContain(idNumber, status.ToString());

        var issued = await Issue(xuhui, person);
        var token = issued.GetProperty("token").GetString()!;
        var answer = await Verify(token);
        Assert.Equal("Valid", Outcome(answer));
        Assert.Equal("Green", answer.GetProperty("colour").GetString());
        Assert.Equal("3101", answer.GetProperty("issuer").GetString());
        Assert.Equal(idNumber[^4..], answer.GetProperty("idLast4").GetString());
        Assert.DoesNotContain(idNumber, token);

        // A contact module finds the person under quarantine and says so.
        var before = DateTimeOffset.FromUnixTimeSeconds(
            (await Fk.Anonymous().GetFromJsonAsync<JsonElement>("/api/health-status/revocations", Ct)).GetProperty("asOf").GetInt64());
        // A neighbour with a live code is in the same batch and stays green.
        var (neighbour, _) = await Fk.NewPersonInXuhui("李小红");
        var neighbourToken = (await Issue(xuhui, neighbour)).GetProperty("token").GetString()!;
        Fk.Contributor.Set(person, Reason(HealthColour.Yellow, "screening-overdue"), Reason(HealthColour.Red, "close-contact"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Fk.ReportChange(person, neighbour);

        Assert.Equal("Revoked", Outcome(await Verify(token)));
        Assert.Equal("Valid", Outcome(await Verify(neighbourToken)));

        // Issue and revocation are in the audit trail by serial, never with the ID number.
        var auditor = await Fk.SignedIn("auditor");
        var trail = await auditor.GetStringAsync($"/api/audit?objectId={person}&pageSize=50", Ct);
        Assert.Contains("health-code.issue", trail);
        Assert.Contains("health-code.revoke", trail);
        Assert.Contains(issued.GetProperty("serial").GetString()!, trail);
        Assert.DoesNotContain(idNumber, trail);
        var serial = issued.GetProperty("serial").GetString()!;
        var revocations = await Fk.Anonymous().GetFromJsonAsync<JsonElement>("/api/health-status/revocations", Ct);
        Assert.Contains(serial, revocations.GetProperty("serials").EnumerateArray().Select(s => s.GetString()));
        var incremental = await Fk.Anonymous().GetFromJsonAsync<JsonElement>($"/api/health-status/revocations?since={before.ToUnixTimeSeconds()}", Ct);
        Assert.Contains(serial, incremental.GetProperty("serials").EnumerateArray().Select(s => s.GetString()));
        // A checkpoint that synced two minutes later asks from its own asOf and gets nothing it already has.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var synced = await Fk.Anonymous().GetFromJsonAsync<JsonElement>("/api/health-status/revocations", Ct);
        var later = await Fk.Anonymous().GetFromJsonAsync<JsonElement>(
            $"/api/health-status/revocations?since={synced.GetProperty("asOf").GetInt64()}", Ct);
        Assert.DoesNotContain(serial, later.GetProperty("serials").EnumerateArray().Select(s => s.GetString()));

        // The new status is the most restrictive reason, listed first; a new code carries it and verifies.
        status = await xuhui.GetFromJsonAsync<JsonElement>($"/api/health-status/people/{person}", Ct);
        Assert.Equal("Red", status.GetProperty("colour").GetString());
        Assert.Equal("close-contact", status.GetProperty("reasons")[0].GetProperty("code").GetString());
        var red = await Issue(xuhui, person);
        Assert.Equal("Red", red.GetProperty("colour").GetString());
        var redAnswer = await Verify(red.GetProperty("token").GetString()!);
        Assert.Equal("Valid", Outcome(redAnswer));
        Assert.Equal("Red", redAnswer.GetProperty("colour").GetString());

        // A change that leaves the colour as it is revokes nothing.
        await Fk.ReportChange(person);
        Assert.Equal("Valid", Outcome(await Verify(red.GetProperty("token").GetString()!)));
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime_on_the_platform_clock()
    {
        var (person, _) = await Fk.NewPersonInXuhui();
        var token = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        app.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal("Valid", Outcome(await Verify(token)));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Expired", Outcome(await Verify(token)));
    }

    [Fact]
    public async Task After_rotation_old_tokens_verify_until_their_key_retires_and_new_tokens_use_the_new_key()
    {
        var (person, _) = await Fk.NewPersonInXuhui();
        var old = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        var secadmin = await Fk.SignedIn("secadmin");

        var noReason = await secadmin.PostAsJsonAsync("/api/health-status/admin/keys/rotate", new { reason = " " }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));

        var rotated = await secadmin.PostAsJsonAsync("/api/health-status/admin/keys/rotate", new { reason = "季度轮换演练" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKid = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("keyId").GetString()!;

        var set = await Fk.Anonymous().GetFromJsonAsync<JsonElement>("/api/health-status/keys", Ct);
        Assert.Equal("3101", set.GetProperty("issuer").GetString());
        var kids = set.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(newKid, kids);
        Assert.True(kids.Count >= 2, "the previous key stays published");
        Assert.DoesNotContain("\"d\"", set.ToString());

        Assert.Equal("Valid", Outcome(await Verify(old)));
        var fresh = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        Assert.True(HealthCodeToken.TryParse(fresh, out var parsed));
        Assert.Equal(newKid, parsed.Payload.KeyId);

        // Past the old key's retirement (its last token's lifetime plus skew) it leaves the set, and its
        // tokens no longer verify even if one were somehow still unexpired.
        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(3));
        var after = await Fk.Anonymous().GetFromJsonAsync<JsonElement>("/api/health-status/keys", Ct);
        Assert.True(HealthCodeToken.TryParse(old, out var oldParsed));
        Assert.DoesNotContain(oldParsed.Payload.KeyId, after.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        Assert.Equal("UnknownKey", Outcome(await Verify(old)));

        var keys = await (await Fk.SignedIn("secadmin")).GetFromJsonAsync<JsonElement>("/api/health-status/admin/keys", Ct);
        Assert.Contains(keys.EnumerateArray(), k => k.GetProperty("keyId").GetString() == oldParsed.Payload.KeyId && !k.GetProperty("signing").GetBoolean());
    }

    [Fact]
    public async Task The_signing_key_rotates_by_itself_once_the_rotation_period_has_passed()
    {
        // A fresh key now, so its age is known whatever other tests of this class did to the clock.
        var rotated = await (await Fk.SignedIn("secadmin")).PostAsJsonAsync("/api/health-status/admin/keys/rotate", new { reason = "测试起点" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var (person, _) = await Fk.NewPersonInXuhui();
        var first = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        Assert.True(HealthCodeToken.TryParse(first, out var before));
        app.Clock.Advance(TimeSpan.FromDays(29.5));
        var sameKey = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        Assert.True(HealthCodeToken.TryParse(sameKey, out var within));
        Assert.Equal(before.Payload.KeyId, within.Payload.KeyId);

        app.Clock.Advance(TimeSpan.FromDays(0.5));
        var second = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        Assert.True(HealthCodeToken.TryParse(second, out var after));
        Assert.NotEqual(before.Payload.KeyId, after.Payload.KeyId);
        Assert.Equal("Valid", Outcome(await Verify(sameKey)));
        Assert.Equal("Valid", Outcome(await Verify(second)));
        var trail = await (await Fk.SignedIn("auditor")).GetStringAsync($"/api/audit?action=health-code.key-rotate&objectId={after.Payload.KeyId}", Ct);
        Assert.Contains("rotation period", trail);
    }

    [Fact]
    public async Task Another_citys_tokens_verify_once_its_key_set_is_trusted_and_forgeries_still_fail()
    {
        using var hangzhouKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = app.Clock.GetUtcNow();
        var hangzhou = new KeySet("3301", "杭州市", [PublicKeyInfo.From("3301-k1", hangzhouKey, now.AddDays(-1), null)]);
        string HangzhouToken(ECDsa key, CodeColour colour) => HealthCodeToken.Sign(new HealthCodePayload("3301", "3301-k1", $"hz{Guid.NewGuid():N}"[..16], colour,
            now, now.AddHours(12), "赵*", "0017", SubjectBinding.Hash("330106199203040017", "x")), key);
        var visitor = HangzhouToken(hangzhouKey, CodeColour.Green);

        Assert.Equal("UnknownIssuer", Outcome(await Verify(visitor)));

        var secadmin = await Fk.SignedIn("secadmin");
        var imported = await secadmin.PostAsJsonAsync("/api/health-status/admin/trusted-issuers", new { keySetJson = hangzhou.ToJson() }, Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var answer = await Verify(visitor);
        Assert.Equal("Valid", Outcome(answer));
        Assert.Equal("3301", answer.GetProperty("issuer").GetString());
        Assert.Equal("杭州市", answer.GetProperty("issuerName").GetString());

        using var impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("BadSignature", Outcome(await Verify(HangzhouToken(impostor, CodeColour.Green))));

        // The offline bundle carries both cities' keys for checkpoints.
        var bundle = await Fk.Anonymous().GetFromJsonAsync<JsonElement>("/api/health-status/trust-bundle", Ct);
        var issuers = bundle.GetProperty("keySets").EnumerateArray().Select(s => s.GetProperty("issuer").GetString()).ToList();
        Assert.Equal("3101", issuers[0]);
        Assert.Contains("3301", issuers);

        // Shanghai's own key set published by Shanghai verifies Shanghai's token at a "Hangzhou" verifier too.
        var (person, _) = await Fk.NewPersonInXuhui();
        var shToken = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        var shSet = await Fk.Anonymous().GetStringAsync("/api/health-status/keys", Ct);
        Assert.True(KeySet.TryParse(shSet, out var shanghai, out _));
        var atHangzhou = new TrustStore().Add(hangzhou).Add(shanghai);
        Assert.Equal(VerificationOutcome.Valid, HealthCodeVerifier.Verify(shToken, atHangzhou, app.Clock.GetUtcNow()).Outcome);

        // Bad imports name the field; this city's own set is refused.
        var own = await secadmin.PostAsJsonAsync("/api/health-status/admin/trusted-issuers", new { keySetJson = shSet }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.True((await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("keySetJson", out _));
        var junk = await secadmin.PostAsJsonAsync("/api/health-status/admin/trusted-issuers", new { keySetJson = "{\"issuer\":\"3301\",\"keys\":[{\"kid\":\"a\",\"x\":\"AA\",\"y\":\"AA\",\"nbf\":0}]}" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        var badUrl = await secadmin.PostAsJsonAsync("/api/health-status/admin/trusted-issuers", new { url = "ftp://example/keys" }, Ct);
        Assert.True((await badUrl.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("url", out _));

        // Removing the issuer ends recognition.
        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.DeleteAsync("/api/health-status/admin/trusted-issuers/3301", Ct)).StatusCode);
        Assert.Equal("UnknownIssuer", Outcome(await Verify(visitor)));
    }

    [Fact]
    public async Task The_public_endpoints_answer_429_with_retry_after_past_their_budget()
    {
        HealthStatusHost.For(app);
        await using var tight = app.WithWebHostBuilder(b => b.UseSetting("HealthStatus:PublicRequestsPerMinute", "3"));
        var client = tight.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health-status/keys", Ct)).StatusCode);
        var refused = await client.PostAsJsonAsync("/api/health-status/verify", new { token = "FK1.a.b" }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Tampered_and_malformed_tokens_get_precise_answers_and_a_missing_token_names_the_field()
    {
        var (person, _) = await Fk.NewPersonInXuhui();
        Fk.Contributor.Set(person, Reason(HealthColour.Red, "case"));
        var token = (await Issue(await Fk.SignedIn("epi"), person)).GetProperty("token").GetString()!;
        var parts = token.Split('.');
        Assert.True(Base64Url.TryDecode(parts[1], out var json));
        var node = JsonNode.Parse(json)!;
        node["c"] = "G";
        var greened = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()))}.{parts[2]}";
        var answer = await Verify(greened);
        Assert.Equal("BadSignature", Outcome(answer));
        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("colour").ValueKind);

        Assert.Equal("Malformed", Outcome(await Verify("FK1.garbage")));
        var missing = await Fk.Anonymous().PostAsJsonAsync("/api/health-status/verify", new { token = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("token", out _));
    }

    [Fact]
    public async Task Only_staff_with_the_right_and_the_person_in_scope_may_see_or_issue()
    {
        var (person, _) = await Fk.NewPersonInXuhui();
        // Another district's worker: not found, for reading and issuing alike.
        var pudong = await Fk.SignedIn("pudong");
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/api/health-status/people/{person}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.PostAsync($"/api/health-status/people/{person}/codes", null, Ct)).StatusCode);
        // The commander sees people but does not issue codes; the bed manager does neither.
        Assert.Equal(HttpStatusCode.OK, (await (await Fk.SignedIn("commander")).GetAsync($"/api/health-status/people/{person}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Fk.SignedIn("commander")).PostAsync($"/api/health-status/people/{person}/codes", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Fk.SignedIn("bedmanager")).GetAsync($"/api/health-status/people/{person}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Fk.Anonymous().PostAsync($"/api/health-status/people/{person}/codes", null, Ct)).StatusCode);

        // Keys and trusted issuers are the security administrator's alone.
        var epi = await Fk.SignedIn("epi");
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.PostAsJsonAsync("/api/health-status/admin/keys/rotate", new { reason = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await epi.PostAsJsonAsync("/api/health-status/admin/trusted-issuers", new { keySetJson = "{}" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Fk.SignedIn("sysadmin")).PostAsJsonAsync("/api/health-status/admin/keys/rotate", new { reason = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Fk.Anonymous().GetAsync("/api/health-status/admin/keys", Ct)).StatusCode);
        // ... who sees no residents.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Fk.SignedIn("secadmin")).PostAsync($"/api/health-status/people/{person}/codes", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_integration_client_issues_by_id_number_and_its_token_opens_nothing_else()
    {
        var (person, idNumber) = await Fk.NewPersonInXuhui();
        var secadmin = await Fk.SignedIn("secadmin");
        var created = await secadmin.PostAsJsonAsync("/api/health-status/admin/integration-clients", new { name = "随申办后台" }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = body.GetProperty("token").GetString()!;
        var clientId = body.GetProperty("client").GetProperty("id").GetGuid();

        var backend = Fk.Anonymous();
        backend.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(IntegrationClients.Scheme, secret);
        var issued = await backend.PostAsJsonAsync("/api/health-status/integration/codes", new { idNumber }, Ct);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        Assert.Equal("Valid", Outcome(await Verify(token)));

        var bad = await backend.PostAsJsonAsync("/api/health-status/integration/codes", new { idNumber = "310104199001011230" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("idNumber", out _));
        var unknown = await backend.PostAsJsonAsync("/api/health-status/integration/codes", new { idNumber = TestPeople.UniqueIdNumber("310104") }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // The integration token is no session: people, status and the staff endpoint stay shut.
        Assert.Equal(HttpStatusCode.Unauthorized, (await backend.GetAsync($"/api/people/{person}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await backend.GetAsync($"/api/health-status/people/{person}", Ct)).StatusCode);
        // Nor does a staff bearer token open the integration endpoint.
        var epi = await Fk.SignedIn("epi");
        Assert.Equal(HttpStatusCode.Unauthorized, (await epi.PostAsJsonAsync("/api/health-status/integration/codes", new { idNumber }, Ct)).StatusCode);
        // A wrong secret, and after revocation the right one, are refused.
        var forged = Fk.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(IntegrationClients.Scheme, secret[..^2] + "xx");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync("/api/health-status/integration/codes", new { idNumber }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await secadmin.DeleteAsync($"/api/health-status/admin/integration-clients/{clientId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await backend.PostAsJsonAsync("/api/health-status/integration/codes", new { idNumber }, Ct)).StatusCode);
    }
}

public sealed class HealthStatusTestsOnSqlite(SqliteFactory app) : HealthStatusTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class HealthStatusTestsOnPostgres(PostgresFactory app) : HealthStatusTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

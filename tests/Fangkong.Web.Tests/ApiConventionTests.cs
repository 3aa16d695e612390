using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

public abstract class ApiConventionTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_identical_parallel_posts_with_one_Idempotency_Key_make_one_record()
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, "310104");
        var name = $"幂等测试-{Guid.NewGuid():N}"[..16];
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/facilities") { Content = JsonContent.Create(TestPeople.Facility(committee, name)) };
            request.Headers.Add("Idempotency-Key", key);
            return commander.SendAsync(request, Ct);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.ToString()).Distinct());
        Assert.Equal(1, (await commander.GetFromJsonAsync<JsonElement>($"/api/facilities?q={Uri.EscapeDataString(name)}", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused()
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, "310104");
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Post(string name)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/facilities") { Content = JsonContent.Create(TestPeople.Facility(committee, name)) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
        Assert.Equal(HttpStatusCode.Created, (await commander.SendAsync(Post("键一"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await commander.SendAsync(Post("键二"), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_stale_edit_answers_412_and_a_missing_If_Match_428()
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, "310104");
        var location = (await commander.PostAsJsonAsync("/api/facilities", TestPeople.Facility(committee, "并发测试"), Ct)).Headers.Location!.ToString();
        var read = await commander.GetAsync(location, Ct);
        var etag = read.Headers.ETag!.ToString();

        HttpRequestMessage Put(string name, string? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(TestPeople.Facility(committee, name)) };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return request;
        }
        var first = await commander.SendAsync(Put("并发测试-甲", etag), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await commander.SendAsync(Put("并发测试-乙", etag), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await commander.SendAsync(Put("并发测试-丙", null), Ct)).StatusCode);
        Assert.Equal("并发测试-甲", (await commander.GetFromJsonAsync<JsonElement>(location, Ct)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_input_gets_an_RFC7807_problem_naming_every_bad_field()
    {
        var commander = await app.SignedIn("commander");
        var response = await commander.PostAsJsonAsync("/api/facilities", new
        {
            kind = "Spaceport", name = "", divisionCode = "12", address = "x", latitude = 95.0, longitude = 121.0, phone = "12345", beds = -1,
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "kind", "name", "divisionCode", "latitude", "phone", "beds" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        var wrongType = await commander.PostAsync("/api/facilities", new StringContent("""{"kind":"Pharmacy","beds":"many"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var text = await wrongType.Content.ReadAsStringAsync(Ct);
        Assert.Contains("beds", text);
        Assert.DoesNotContain("   at ", text); // no stack trace
    }

    [Fact]
    public async Task A_capacity_field_that_does_not_fit_the_kind_is_refused()
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, "310104");
        var response = await commander.PostAsJsonAsync("/api/facilities", new { kind = "Pharmacy", name = "有ICU的药店", divisionCode = committee, address = "某路", icuBeds = 4 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("icuBeds", await response.Content.ReadAsStringAsync(Ct));
        var hospital = await commander.PostAsJsonAsync("/api/facilities", new { kind = "DesignatedHospital", name = "缺ICU定点医院", divisionCode = committee, address = "某路", beds = 100 }, Ct);
        Assert.Contains("icuBeds", await hospital.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Lists_are_paged()
    {
        var commander = await app.SignedIn("commander");
        var page1 = await commander.GetFromJsonAsync<JsonElement>("/api/facilities?kind=Pharmacy&pageSize=10&page=1", Ct);
        var page2 = await commander.GetFromJsonAsync<JsonElement>("/api/facilities?kind=Pharmacy&pageSize=10&page=2", Ct);
        Assert.Equal(10, page1.GetProperty("items").GetArrayLength());
        Assert.True(page1.GetProperty("total").GetInt32() > 1000);
        Assert.NotEqual(page1.GetProperty("items")[0].GetProperty("id").GetString(), page2.GetProperty("items")[0].GetProperty("id").GetString());
        var huge = await commander.GetFromJsonAsync<JsonElement>("/api/facilities?pageSize=100000", Ct);
        Assert.Equal(500, huge.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer()
    {
        var anonymous = app.Anonymous();
        var health = await anonymous.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Ct));
        var openApi = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/facilities", out _));
        Assert.True(paths.TryGetProperty("/api/auth/token", out _));
    }
}

public sealed class ApiConventionTestsOnSqlite(SqliteFactory app) : ApiConventionTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class ApiConventionTestsOnPostgres(PostgresFactory app) : ApiConventionTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

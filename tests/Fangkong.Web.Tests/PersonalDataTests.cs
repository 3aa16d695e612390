using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

public abstract class PersonalDataTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("31010419800101123X", "check digit")]      // valid shape, wrong check digit
    [InlineData("310104199902300012", "impossible date")]  // 30 February
    [InlineData("999999198001011234", "bad region")]
    [InlineData("3101041980010112", "too short")]
    public async Task An_invalid_ID_number_is_refused_with_400_naming_idNumber_and_nothing_is_stored(string idNumber, string why)
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var before = (await epi.GetFromJsonAsync<JsonElement>("/api/people/count", Ct)).GetProperty("count").GetInt32();

        var response = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("idNumber", out _), $"{why}: {problem}");
        Assert.Equal(before, (await epi.GetFromJsonAsync<JsonElement>("/api/people/count", Ct)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_standards_own_example_with_an_X_check_digit_is_accepted()
    {
        var epi = await app.UserWithScope("Epidemiologist", "3101");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        // GB 11643-1999's example number (Beijing 110105, born 1949-12-31), lower-case x normalised to X.
        var response = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, "11010519491231002x"), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest);
        if (response.StatusCode == HttpStatusCode.BadRequest)
            Assert.Contains("already registered", await response.Content.ReadAsStringAsync(Ct)); // a second run on the same database
        else
            Assert.Equal("110105********002X", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task Lists_and_reads_show_ID_numbers_and_phones_masked_and_say_no_store()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var list = await epi.GetAsync("/api/people?pageSize=500", Ct);
        var text = await list.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(idNumber, text);
        Assert.DoesNotContain("13812345678", text);
        Assert.Contains(idNumber[..6] + "********" + idNumber[14..], text);
        Assert.Contains("138****5678", text);
        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());
        Assert.DoesNotMatch(@"\d{17}[\dX]", text);

        var single = await epi.GetStringAsync($"/api/people/{id}", Ct);
        Assert.DoesNotContain(idNumber, single);
        // Searching by the full number finds the person (equality) through a body, not the URL,
        // without echoing the number back; the URL form is refused.
        var found = await (await epi.PostAsJsonAsync("/api/people/search", new { q = idNumber }, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains(id!, found);
        Assert.DoesNotContain(idNumber, found);
        Assert.Equal(HttpStatusCode.BadRequest, (await epi.GetAsync($"/api/people?q={idNumber}", Ct)).StatusCode);
        var auditor = await app.SignedIn("auditor");
        var searches = await auditor.GetStringAsync("/api/audit?action=person.list&pageSize=500", Ct);
        Assert.Contains(idNumber[..6] + "********" + idNumber[14..], searches);
        Assert.DoesNotContain(idNumber, searches);
    }

    [Fact]
    public async Task Saving_a_masked_record_back_never_overwrites_the_real_values()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber), Ct);
        var location = created.Headers.Location!.ToString();

        var read = await epi.GetAsync(location, Ct);
        var masked = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var put = new HttpRequestMessage(HttpMethod.Put, location)
        {
            Content = JsonContent.Create(new
            {
                name = "张三丰",
                idNumber = masked.GetProperty("idNumber").GetString(),
                phone = masked.GetProperty("phone").GetString(),
                address = masked.GetProperty("address").GetString(),
                divisionCode = committee,
            }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        var saved = await epi.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        async Task<string?> Reveal(string field)
        {
            var r = await epi.PostAsJsonAsync($"{location}/reveal", new { field, reason = "核对居民信息" }, Ct);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
            return (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("value").GetString();
        }
        Assert.Equal(idNumber, await Reveal("idNumber"));
        Assert.Equal("13812345678", await Reveal("phone"));
        Assert.Equal("上海市某路100弄5号302室", await Reveal("address"));
    }

    [Fact]
    public async Task A_reveal_needs_the_right_and_a_reason_and_is_audited_without_the_value()
    {
        var epi = await app.UserWithScope("Epidemiologist", "310104");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var location = (await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber), Ct)).Headers.Location!.ToString();
        var personId = location.Split('/').Last();

        var noReason = await epi.PostAsJsonAsync($"{location}/reveal", new { field = "idNumber" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(Ct));

        var commander = await app.SignedIn("commander"); // may view people, may not reveal
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.PostAsJsonAsync($"{location}/reveal", new { field = "idNumber", reason = "想看看" }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await epi.PostAsJsonAsync($"{location}/reveal", new { field = "idNumber", reason = "密接核查" }, Ct)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var audit = await auditor.GetAsync($"/api/audit?action=person.reveal&objectId={personId}", Ct);
        var text = await audit.Content.ReadAsStringAsync(Ct);
        Assert.Contains("密接核查", text);
        Assert.DoesNotContain(idNumber, text);
        var everything = await auditor.GetStringAsync("/api/audit?pageSize=500", Ct);
        Assert.DoesNotContain(idNumber, everything);
    }

    [Fact]
    public async Task Exports_are_masked_by_default_scoped_and_unmasked_only_with_a_reason_and_audited()
    {
        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var pudong = await app.UserWithScope("Epidemiologist", "310115");
        var xuhuiId = TestPeople.UniqueIdNumber("310104");
        var pudongId = TestPeople.UniqueIdNumber("310115");
        await xuhui.PostAsJsonAsync("/api/people", TestPeople.Person(await TestPeople.FirstCommittee(xuhui, "310104"), xuhuiId), Ct);
        await pudong.PostAsJsonAsync("/api/people", TestPeople.Person(await TestPeople.FirstCommittee(pudong, "310115"), pudongId), Ct);

        var masked = await xuhui.GetStringAsync("/api/people/export", Ct);
        Assert.Contains(xuhuiId[..6] + "********" + xuhuiId[14..], masked);
        Assert.DoesNotContain(xuhuiId, masked);
        Assert.DoesNotContain(pudongId[..6] + "********" + pudongId[14..], masked);
        Assert.DoesNotContain("310115", masked);

        Assert.Equal(HttpStatusCode.BadRequest, (await xuhui.GetAsync("/api/people/export?unmasked=true", Ct)).StatusCode);
        var full = await xuhui.GetStringAsync("/api/people/export?unmasked=true&reason=" + Uri.EscapeDataString("流调名单核对"), Ct);
        Assert.Contains(xuhuiId, full);
        Assert.DoesNotContain(pudongId, full);

        var worker = await app.UserWithScope("CommunityWorker", "310104");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/people/export", Ct)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var exports = await auditor.GetStringAsync("/api/audit?action=person.export&pageSize=100", Ct);
        Assert.Contains("masked=False", exports);
        Assert.Contains("流调名单核对", exports);
        Assert.DoesNotContain(xuhuiId, exports);
    }

    [Fact]
    public async Task People_are_deduplicated_by_ID_number_even_across_jurisdictions()
    {
        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var pudong = await app.UserWithScope("Epidemiologist", "310115");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        Assert.Equal(HttpStatusCode.Created, (await xuhui.PostAsJsonAsync("/api/people", TestPeople.Person(await TestPeople.FirstCommittee(xuhui, "310104"), idNumber), Ct)).StatusCode);
        var again = await pudong.PostAsJsonAsync("/api/people", TestPeople.Person(await TestPeople.FirstCommittee(pudong, "310115"), idNumber.ToLowerInvariant()), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("idNumber", await again.Content.ReadAsStringAsync(Ct));
    }
}

public sealed class PersonalDataTestsOnSqlite(SqliteFactory app) : PersonalDataTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class PersonalDataTestsOnPostgres(PostgresFactory app) : PersonalDataTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

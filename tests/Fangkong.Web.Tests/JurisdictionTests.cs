using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// The acceptance scenario of the foundation: a 徐汇区 (310104) user sees nothing of 浦东新区 (310115)
// in any list, count, search or export, gets 404 by id, and the denial is audited.
public abstract class JurisdictionTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Xuhui_user_sees_no_Pudong_facility_in_lists_counts_search_or_export_and_gets_404_by_id()
    {
        var commander = await app.SignedIn("commander");
        var pudongCommittee = await TestPeople.FirstCommittee(commander, "310115");
        var name = $"浦东测试药房-{Guid.NewGuid():N}"[..20];
        var created = await commander.PostAsJsonAsync("/api/facilities", TestPeople.Facility(pudongCommittee, name), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pudongId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var xuhui = await app.UserWithScope("CommunityWorker", "310104");

        var list = await xuhui.GetFromJsonAsync<JsonElement>("/api/facilities?pageSize=500", Ct);
        Assert.True(list.GetProperty("total").GetInt32() > 0);
        Assert.All(list.GetProperty("items").EnumerateArray(), f => Assert.StartsWith("310104", f.GetProperty("divisionCode").GetString()));

        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>("/api/facilities/count?division=310115", Ct)).GetProperty("count").GetInt32());
        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>($"/api/facilities?q={Uri.EscapeDataString(name)}", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await commander.GetFromJsonAsync<JsonElement>($"/api/facilities?q={Uri.EscapeDataString(name)}", Ct)).GetProperty("total").GetInt32());

        var overview = await xuhui.GetFromJsonAsync<JsonElement>("/api/overview/3101", Ct);
        var pudongArea = overview.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "310115");
        Assert.Equal(0, pudongArea.GetProperty("facilities").GetInt32());

        var byId = await xuhui.GetAsync($"/api/facilities/{pudongId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.DoesNotContain(name, await byId.Content.ReadAsStringAsync(Ct));

        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/facilities/{pudongId}") { Content = JsonContent.Create(TestPeople.Facility(pudongCommittee, "改名")) };
        edit.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var xuhuiEditor = await app.UserWithScope("SuppliesTaskForce", "310104");
        Assert.Equal(HttpStatusCode.NotFound, (await xuhuiEditor.SendAsync(edit, Ct)).StatusCode);

        var auditor = await app.SignedIn("auditor");
        var denials = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?outcome=denied&objectId={pudongId}", Ct);
        Assert.True(denials.GetProperty("total").GetInt32() >= 1, "the out-of-scope read is in the audit trail");
    }

    [Fact]
    public async Task A_Xuhui_user_sees_no_Pudong_person_and_cannot_register_one_there()
    {
        var pudongEpi = await app.UserWithScope("Epidemiologist", "310115");
        var pudongCommittee = await TestPeople.FirstCommittee(pudongEpi, "310115");
        var created = await pudongEpi.PostAsJsonAsync("/api/people", TestPeople.Person(pudongCommittee, name: "李浦东"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var xuhui = await app.UserWithScope("Epidemiologist", "310104");
        var list = await xuhui.GetFromJsonAsync<JsonElement>("/api/people?pageSize=500", Ct);
        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.StartsWith("310104", p.GetProperty("divisionCode").GetString()));
        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>("/api/people?q=李浦东", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await xuhui.GetFromJsonAsync<JsonElement>("/api/people/count?division=310115", Ct)).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await xuhui.GetAsync($"/api/people/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xuhui.PostAsJsonAsync($"/api/people/{id}/reveal", new { field = "idNumber", reason = "核查身份信息" }, Ct)).StatusCode);

        var intoPudong = await xuhui.PostAsJsonAsync("/api/people", TestPeople.Person(pudongCommittee), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, intoPudong.StatusCode);
        Assert.Contains("divisionCode", await intoPudong.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_facility_bound_bed_manager_sees_only_its_own_facility_and_no_residents()
    {
        var bedManager = await app.SignedIn("bedmanager");
        var list = await bedManager.GetFromJsonAsync<JsonElement>("/api/facilities", Ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("DesignatedHospital", list.GetProperty("items")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await bedManager.GetAsync("/api/people", Ct)).StatusCode);
    }

    [Fact]
    public async Task Moving_a_users_jurisdiction_takes_effect_on_the_next_request()
    {
        var secadmin = await app.SignedIn("secadmin");
        var account = await app.NewAccount("CommunityWorker", "310104", userName: $"mover{Guid.NewGuid():N}"[..20]);
        var userId = account.Id;
        var mover = await app.SignedIn(account.UserName, account.Password);
        Assert.True((await mover.GetFromJsonAsync<JsonElement>("/api/facilities/count?division=310104", Ct)).GetProperty("count").GetInt32() > 0);

        var moved = await secadmin.PutAsJsonAsync($"/api/users/{userId}/assignment", new { role = "CommunityWorker", scopeDivisionCode = "310115" }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(0, (await mover.GetFromJsonAsync<JsonElement>("/api/facilities/count?division=310104", Ct)).GetProperty("count").GetInt32());
        Assert.True((await mover.GetFromJsonAsync<JsonElement>("/api/facilities/count?division=310115", Ct)).GetProperty("count").GetInt32() > 0);
    }

    [Fact]
    public async Task Ownership_fields_in_a_request_body_are_ignored()
    {
        var commander = await app.SignedIn("commander");
        var committee = await TestPeople.FirstCommittee(commander, "310104");
        var response = await commander.PostAsJsonAsync("/api/facilities", new
        {
            kind = "Pharmacy", name = "字段注入测试", divisionCode = committee, address = "测试路2号", employees = 3,
            id = "00000000-0000-0000-0000-000000000001", districtCode = "310115", version = 99,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.NotEqual("00000000-0000-0000-0000-000000000001", body.GetProperty("id").GetString());
        Assert.Equal("310104", body.GetProperty("districtCode").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }
}

public sealed class JurisdictionTestsOnSqlite(SqliteFactory app) : JurisdictionTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class JurisdictionTestsOnPostgres(PostgresFactory app) : JurisdictionTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

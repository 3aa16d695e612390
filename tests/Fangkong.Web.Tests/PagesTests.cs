using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fangkong.Web.Tests;

// The server-rendered pages over HTTP with a cookie session, as a browser uses them: masked personal data,
// the audited reveal, jurisdiction, the audit trail and the security administrator's user page.
public abstract partial class PagesTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_people_list_and_details_show_the_ID_number_masked_and_never_in_full()
    {
        var person = await RegisterPersonAsync();
        var xuhui = await LogInAsync("xuhui");

        var list = await xuhui.GetAsync($"/People?division={person.DivisionCode}", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var html = await HtmlOf(list);
        Assert.Contains($"<span class=\"masked\">{Masked(person.IdNumber)}</span>", html);
        Assert.Contains("138****5678", html);
        AssertNothingInFull(person, html);

        // A search by the full number goes in a POST body, and the answer is masked all the same.
        var search = await xuhui.PostAsync("/People", Form(html, ("q", person.IdNumber)), Ct);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var found = await HtmlOf(search);
        Assert.Contains(Masked(person.IdNumber), found);
        Assert.Contains($"/People/Details/{person.Id}", found);
        AssertNothingInFull(person, found);

        var details = await xuhui.GetAsync($"/People/Details/{person.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var detailsHtml = await HtmlOf(details);
        Assert.Contains(Masked(person.IdNumber), detailsHtml);
        Assert.Contains("handler=Reveal", detailsHtml);
        AssertNothingInFull(person, detailsHtml);
    }

    [Fact]
    public async Task A_reveal_with_a_reason_answers_the_full_value_and_without_one_the_reason_error()
    {
        var person = await RegisterPersonAsync();
        var xuhui = await LogInAsync("xuhui");
        var details = await PageOf(xuhui, $"/People/Details/{person.Id}");

        var refused = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(details, ("field", "idNumber"), ("reason", "")), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var error = await HtmlOf(refused);
        Assert.Contains("data-field=\"reason\"", error);
        Assert.Contains("请说明查看原因", error);
        Assert.DoesNotContain(person.IdNumber, error);

        var revealed = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(details, ("field", "idNumber"), ("reason", "流调核实身份")), Ct);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.True(revealed.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal("#reveal-idNumber", revealed.Headers.GetValues("HX-Retarget").Single());
        Assert.Contains($">{person.IdNumber}</span>", await HtmlOf(revealed));

        var phone = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(details, ("field", "phone"), ("reason", "电话回访核实")), Ct);
        Assert.Contains(">13812345678</span>", await HtmlOf(phone));

        // Without the antiforgery token the reveal is refused outright.
        var forged = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["field"] = "idNumber", ["reason"] = "流调核实身份" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task The_auditor_sees_the_reveal_in_the_audit_trail_and_the_chain_verifies_intact()
    {
        var person = await RegisterPersonAsync();
        var xuhui = await LogInAsync("xuhui");
        var details = await PageOf(xuhui, $"/People/Details/{person.Id}");
        var revealed = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(details, ("field", "address"), ("reason", "上门核查住址")), Ct);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);

        var auditor = await LogInAsync("auditor");
        var trail = await auditor.GetAsync("/AuditTrail?action=person.reveal&user=xuhui&outcome=success", Ct);
        Assert.Equal(HttpStatusCode.OK, trail.StatusCode);
        Assert.True(trail.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var html = await HtmlOf(trail);
        Assert.Contains("<code>person.reveal</code>", html);
        Assert.Contains(person.Id.ToString(), html);
        Assert.Contains("field=address; reason=上门核查住址", html);
        Assert.Contains("<span class=\"badge ok\">", html);
        AssertNothingInFull(person, html);

        var verify = await auditor.PostAsync("/AuditTrail?handler=Verify", Form(html), Ct);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var result = VerifyResult().Match(await HtmlOf(verify));
        Assert.True(result.Success, "no verify result in the answer");
        Assert.Equal("ok", result.Groups["class"].Value);
        Assert.Matches(@"哈希链完整：已校验 [\d,]+ 行", result.Groups["text"].Value);
    }

    [Fact]
    public async Task A_person_in_Xuhui_answers_404_to_a_Pudong_scoped_epidemiologist()
    {
        var person = await RegisterPersonAsync();
        var pudong = await ScopedSessionAsync(Roles.Epidemiologist, "310115");

        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/People/Details/{person.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/People/Edit/{person.Id}", Ct)).StatusCode);
        var list = await PageOf(pudong, "/People?division=310104");
        Assert.DoesNotContain(person.Id.ToString(), list);
        var reveal = await pudong.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(list, ("field", "idNumber"), ("reason", "越权查看测试")), Ct);
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
        Assert.DoesNotContain(person.IdNumber, await HtmlOf(reveal));
    }

    [Fact]
    public async Task Editing_sends_masked_values_that_keep_the_stored_ones_and_a_stale_version_warns()
    {
        var person = await RegisterPersonAsync();
        var xuhui = await LogInAsync("xuhui");
        var edit = await PageOf(xuhui, $"/People/Edit/{person.Id}");
        Assert.Contains($"value=\"{Masked(person.IdNumber)}\"", edit);
        Assert.Contains("value=\"138****5678\"", edit);
        AssertNothingInFull(person, edit);

        var saved = await xuhui.PostAsync($"/People/Edit/{person.Id}", Form(edit, FormValues(edit, ("Form.Name", "改名测试"))), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/People/Details/{person.Id}", saved.Headers.Location?.OriginalString);

        var details = await PageOf(xuhui, $"/People/Details/{person.Id}");
        Assert.Contains("改名测试", details);
        var phone = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(details, ("field", "phone"), ("reason", "核对保存结果")), Ct);
        Assert.Contains(">13812345678</span>", await HtmlOf(phone));
        var address = await xuhui.PostAsync($"/People/Details/{person.Id}?handler=Reveal", Form(details, ("field", "address"), ("reason", "核对保存结果")), Ct);
        Assert.Contains($">{person.Address}</span>", await HtmlOf(address));

        // The form read before the save still carries version 1: the save is refused with the current version.
        var stale = await xuhui.PostAsync($"/People/Edit/{person.Id}", Form(edit, FormValues(edit, ("Form.Name", "过期修改"))), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var staleHtml = await HtmlOf(stale);
        Assert.Contains("data-testid=\"stale\"", staleHtml);
        Assert.Contains("name=\"Version\" value=\"2\"", staleHtml);
    }

    [Fact]
    public async Task Registering_with_a_wrong_check_digit_shows_the_error_under_the_ID_number()
    {
        var (idNumber, division) = (await NewIdNumberAsync(), await CommitteeAsync());
        var wrong = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        var xuhui = await LogInAsync("xuhui");
        var form = await PageOf(xuhui, $"/People/Edit?division={division}");
        Assert.Contains($"value=\"{division}\"", form);

        var refused = await xuhui.PostAsync("/People/Edit", Form(form,
            ("Form.Name", "校验位测试"), ("Form.IdNumber", wrong), ("Form.Phone", "13812345678"), ("Form.Address", "测试路 1 号"), ("Form.DivisionCode", division)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await HtmlOf(refused);
        Assert.Matches("<span class=\"error\" data-field=\"idNumber\">[^<]*校验位错误", html);

        var created = await xuhui.PostAsync("/People/Edit", Form(form,
            ("Form.Name", "校验位测试"), ("Form.IdNumber", idNumber), ("Form.Phone", "13812345678"), ("Form.Address", "测试路 1 号"), ("Form.DivisionCode", division)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/People/Details/", created.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_system_administrator_creates_the_account_the_security_administrator_grants_its_role_and_the_owner_sets_a_password()
    {
        // 三权分立 on the pages: creating is the system administrator's, granting the security administrator's.
        var sysadmin = await LogInAsync("sysadmin");
        var page = await sysadmin.GetAsync("/Accounts/Users", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await HtmlOf(page);
        Assert.Contains("<code>auditor</code>", html);
        Assert.DoesNotContain("handler=Disable", html);
        Assert.DoesNotContain("handler=Assign", html);

        var userName = $"page.{Guid.NewGuid():N}"[..20];
        var fields = new (string, string)[] { ("Form.UserName", userName), ("Form.DisplayName", "页面创建测试") };
        var refused = await sysadmin.PostAsync("/Accounts/Users?handler=Create", Form(html, [.. fields, ("Form.Password", "short")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await HtmlOf(refused);
        Assert.Matches("data-testid=\"password-error\">[^<]*密码至少 8 个字符", refusedHtml);
        Assert.Contains($"value=\"{userName}\"", refusedHtml);
        Assert.DoesNotContain("value=\"short\"", refusedHtml);

        const string initial = "Page-Created-Passw0rd!";
        var created = await sysadmin.PostAsync("/Accounts/Users?handler=Create", Form(html, [.. fields, ("Form.Password", initial)]), Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var createdHtml = await HtmlOf(created);
        Assert.Contains("data-testid=\"users-done\"", createdHtml);
        Assert.Contains($"<code>{userName}</code>", createdHtml);

        var secadmin = await LogInAsync("secadmin");
        var grantPage = await PageOf(secadmin, "/Accounts/Users");
        Assert.DoesNotContain("handler=Create", grantPage);
        var id = Regex.Match(grantPage, $"data-user=\"{Regex.Escape(userName)}\"[\\s\\S]*?name=\"id\" value=\"(?<id>[^\"]+)\"").Groups["id"].Value;
        var granted = await secadmin.PostAsync("/Accounts/Users?handler=Assign",
            Form(grantPage, ("id", id), ("role", Roles.CommunityWorker), ("scopeDivisionCode", "310104"), ("scopeFacilityId", "")), Ct);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var grantedHtml = await HtmlOf(granted);
        var code = Regex.Match(grantedHtml, "data-testid=\"activation-code\">(?<code>[A-Z0-9]+)<").Groups["code"].Value;
        Assert.Equal(OneTimePasswords.ActivationCodeLength, code.Length);

        // The initial password alone does not sign in; with the code it opens only the password change.
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var alone = await anonymous.PostAsync("/Account/Login", Form(await PageOf(anonymous, "/Account/Login"), ("userName", userName), ("password", initial)), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, alone.StatusCode);
        var owner = await LogInAsync(userName, initial + code);
        var people = await owner.GetAsync("/People", Ct);
        Assert.Equal(HttpStatusCode.Redirect, people.StatusCode);
        Assert.Equal("/Accounts/ChangePassword", people.Headers.Location?.OriginalString);
        var changePage = await PageOf(owner, "/Accounts/ChangePassword");
        Assert.Contains("data-testid=\"one-time-hint\"", changePage);
        var changed = await owner.PostAsync("/Accounts/ChangePassword",
            Form(changePage, ("currentPassword", initial + code), ("newPassword", "Owners-Page-Passw0rd!")), Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("data-testid=\"password-changed\"", await HtmlOf(changed));
        var ownSession = await LogInAsync(userName, "Owners-Page-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, (await ownSession.GetAsync("/People", Ct)).StatusCode);

        // Disable it from the page: the row then offers Enable.
        var disabled = await secadmin.PostAsync("/Accounts/Users?handler=Disable", Form(grantedHtml, ("id", id)), Ct);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Matches($"data-user=\"{Regex.Escape(userName)}\"[\\s\\S]*?badge bad[\\s\\S]*?handler=Enable", await HtmlOf(disabled));
    }

    [Fact]
    public async Task Roles_without_the_right_get_403_from_the_pages()
    {
        var auditor = await LogInAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/People", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/People/Edit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Accounts/Users", Ct)).StatusCode);
        var xuhui = await LogInAsync("xuhui");
        Assert.Equal(HttpStatusCode.Forbidden, (await xuhui.GetAsync("/AuditTrail", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await xuhui.GetAsync("/Accounts/Users", Ct)).StatusCode);
        var commander = await LogInAsync("commander");
        Assert.Equal(HttpStatusCode.Forbidden, (await commander.GetAsync("/People/Edit", Ct)).StatusCode);
        var anonymous = await app.Anonymous().GetAsync("/People", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.OriginalString);

        var auditTrail = await (await app.SignedIn("auditor")).GetFromJsonAsync<JsonElement>("/api/audit?action=page&outcome=denied&pageSize=100", Ct);
        Assert.Contains(auditTrail.GetProperty("items").EnumerateArray(), e => e.GetProperty("objectId").GetString() == "GET /Accounts/Users");
    }

    // ---- helpers ----

    private sealed record RegisteredPerson(Guid Id, string IdNumber, string Address, string DivisionCode);

    private async Task<RegisteredPerson> RegisterPersonAsync()
    {
        var api = await app.UserWithScope(Roles.Epidemiologist, "310104");
        var division = await CommitteeAsync();
        var address = $"上海市徐汇区测试路 {Random.Shared.Next(1, 999)} 弄 {Random.Shared.Next(1, 30)} 号";
        var idNumber = await NewIdNumberAsync();
        var created = await api.PostAsJsonAsync("/api/people", new { name = "页面测试", idNumber, phone = "13812345678", address, divisionCode = division }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return new RegisteredPerson(body.GetProperty("id").GetGuid(), idNumber, address, division);
    }

    private static string? _committee;

    // A residents' committee under Xuhui (310104), found through the divisions API.
    private async Task<string> CommitteeAsync()
    {
        if (_committee is not null) return _committee;
        var client = await app.SignedIn("xuhui");
        var found = await client.GetFromJsonAsync<JsonElement[]>("/api/divisions/search?q=3101040&limit=200", Ct);
        var committee = found!.Select(d => d.GetProperty("code").GetString()!).FirstOrDefault(c => c.Length == 12);
        if (committee is null)
        {
            var street = found!.First(d => d.GetProperty("code").GetString()!.Length == 9).GetProperty("code").GetString();
            var children = await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street}/children", Ct);
            committee = children!.First().GetProperty("code").GetString()!;
        }
        return _committee = committee;
    }

    // A valid GB 11643 number in Xuhui with a random birth date and sequence.
    private static Task<string> NewIdNumberAsync()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 365 * 50));
        var first17 = $"310104{birth:yyyyMMdd}{Random.Shared.Next(100, 1000)}";
        return Task.FromResult(first17 + ResidentIdNumber.CheckDigit(first17));
    }

    private static string Masked(string idNumber) => idNumber[..6] + "********" + idNumber[14..];

    private static void AssertNothingInFull(RegisteredPerson person, string html)
    {
        Assert.DoesNotContain(person.IdNumber, html);
        Assert.DoesNotContain(person.IdNumber[6..14], html.Replace(person.Id.ToString(), "", StringComparison.Ordinal));
        Assert.DoesNotContain("13812345678", html);
        Assert.DoesNotContain(person.Address, html);
    }

    // Razor encodes CJK text as character references; decoded, the page reads as a person sees it.
    private static async Task<string> HtmlOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    private static async Task<string> PageOf(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await HtmlOf(response);
    }

    // A browser-like client: cookies kept, redirects not followed, signed in through the login form.
    private async Task<HttpClient> LogInAsync(string userName, string password = DemoAccounts.Password)
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await PageOf(client, "/Account/Login");
        var response = await client.PostAsync("/Account/Login", Form(login, ("userName", userName), ("password", password)), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {userName}: {(int)response.StatusCode}");
        return client;
    }

    private async Task<HttpClient> ScopedSessionAsync(string role, string division)
    {
        var account = await app.NewAccount(role, division);
        return await LogInAsync(account.UserName, account.Password);
    }

    // The form fields a browser would post: the page's antiforgery token plus the given values.
    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(html) };
        foreach (var (name, value) in fields) values[name] = value;
        return new FormUrlEncodedContent(values);
    }

    // Every named input of the page's main form as rendered, with some values replaced.
    private static (string Name, string Value)[] FormValues(string html, params (string Name, string Value)[] changes)
    {
        var values = InputTag().Matches(html).Select(m => m.Value)
            .Select(tag => (Name: Attribute(tag, "name"), Value: Attribute(tag, "value")))
            .Where(f => f.Name.StartsWith("Form.", StringComparison.Ordinal) || f.Name == "Version")
            .ToDictionary(f => f.Name, f => f.Value);
        foreach (var (name, value) in changes) values[name] = value;
        return [.. values.Select(v => (v.Key, v.Value))];
    }

    private static string Token(string html)
    {
        var tag = InputTag().Matches(html).Select(m => m.Value).FirstOrDefault(t => Attribute(t, "name") == "__RequestVerificationToken");
        Assert.True(tag is not null, "no antiforgery token on the page");
        return Attribute(tag, "value");
    }

    private static string Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"");
        return m.Success ? m.Groups["v"].Value : "";
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<span id=\"verify-result\" class=\"(?<class>[^\"]*)\"[^>]*>(?<text>[^<]*)</span>")]
    private static partial Regex VerifyResult();
}

public sealed class PagesTestsOnSqlite(SqliteFactory app) : PagesTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;
public sealed class PagesTestsOnPostgres(PostgresFactory app) : PagesTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fangkong.Web.Tests.Tickets;

// 12345 hotline tickets through the real pipeline: opened for a place, routed to its street, answered,
// closed with the resident's rating; overdue by the clock; escalated to the district; scoped like
// everything else; counted by category and district in the analysis.
public abstract partial class TicketsTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> Committee(HttpClient client, string district)
    {
        var streets = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        var street = streets[Random.Shared.Next(streets.Length)].GetProperty("code").GetString()!;
        var committees = (await client.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street}/children", Ct))!;
        return committees[Random.Shared.Next(committees.Length)].GetProperty("code").GetString()!;
    }

    private static async Task<JsonElement> Open(HttpClient client, object body)
    {
        var created = await client.PostAsJsonAsync("/api/tickets", body, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("ticket");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, int version, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string[]> ErrorFields(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task A_ticket_is_routed_to_the_street_of_its_place_answered_and_closed_with_the_residents_rating()
    {
        var xuhui = await app.SignedIn("xuhui");
        var place = await Committee(xuhui, "310104");
        var ticket = await Open(xuhui, new { category = "medicine", place, description = "降压药快吃完了", urgency = "normal" });

        Assert.Equal(place[..9], ticket.GetProperty("routedDivisionCode").GetString());
        Assert.Equal("Division", ticket.GetProperty("route").GetString());
        Assert.Equal("Medicine", ticket.GetProperty("category").GetString());
        Assert.Equal("Open", ticket.GetProperty("status").GetString());
        Assert.Equal(TimeSpan.FromHours(24), ticket.GetProperty("deadlineAt").GetDateTime() - ticket.GetProperty("createdAt").GetDateTime());
        var id = ticket.GetProperty("id").GetGuid();

        var replied = await Ok(await Post(xuhui, $"/api/tickets/{id}/replies", 1, new { text = "已联系社区医生代配药" }));
        Assert.Equal("InProgress", replied.GetProperty("ticket").GetProperty("status").GetString());
        var version = replied.GetProperty("ticket").GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Post(xuhui, $"/api/tickets/{id}/close", 1, new { satisfaction = 5 })).StatusCode);

        var closed = await Ok(await Post(xuhui, $"/api/tickets/{id}/close", version, new { satisfaction = 4, note = "药已送到" }));
        Assert.Equal("Closed", closed.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal(4, closed.GetProperty("ticket").GetProperty("satisfaction").GetInt32());
        Assert.False(closed.GetProperty("ticket").GetProperty("overdue").GetBoolean());
        Assert.Equal(["Created", "Reply", "Closed"], closed.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal("已联系社区医生代配药", closed.GetProperty("entries")[1].GetProperty("text").GetString());

        var again = await Post(xuhui, $"/api/tickets/{id}/replies", closed.GetProperty("ticket").GetProperty("version").GetInt32(), new { text = "再回复" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("status", await ErrorFields(again));
    }

    [Fact]
    public async Task An_urgent_ticket_is_overdue_once_its_two_hours_have_passed()
    {
        var xuhui = await app.SignedIn("xuhui");
        var place = await Committee(xuhui, "310104");
        var ticket = await Open(xuhui, new { category = "MedicalHelp", place, description = "老人高烧需要就医", urgency = "Urgent" });
        var id = ticket.GetProperty("id").GetGuid();
        Assert.Equal(TimeSpan.FromHours(2), ticket.GetProperty("deadlineAt").GetDateTime() - ticket.GetProperty("createdAt").GetDateTime());
        Assert.False(ticket.GetProperty("overdue").GetBoolean());
        Assert.False(ticket.GetProperty("escalationDue").GetBoolean());

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        xuhui = await app.SignedIn("xuhui"); // the bearer token expired with the idle timeout

        var read = await xuhui.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.True(read.GetProperty("ticket").GetProperty("overdue").GetBoolean());
        Assert.True(read.GetProperty("ticket").GetProperty("escalationDue").GetBoolean());
        var escalated = await Ok(await Post(xuhui, $"/api/tickets/{id}/escalate", 1, new { reason = "超时" }));
        Assert.False(escalated.GetProperty("ticket").GetProperty("escalationDue").GetBoolean());
        Assert.True(escalated.GetProperty("ticket").GetProperty("overdue").GetBoolean());
        var overdue = await xuhui.GetFromJsonAsync<JsonElement>("/api/tickets?overdue=true&category=MedicalHelp&pageSize=500", Ct);
        Assert.Contains(overdue.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetGuid() == id);
        Assert.All(overdue.GetProperty("items").EnumerateArray(), t => Assert.True(t.GetProperty("overdue").GetBoolean()));
    }

    [Fact]
    public async Task Escalation_routes_a_ticket_up_to_the_district_of_its_place()
    {
        var xuhui = await app.SignedIn("xuhui");
        var place = await Committee(xuhui, "310104");
        var ticket = await Open(xuhui, new { category = "LockdownManagement", place, description = "垃圾无人清运", department = "区城运中心" });
        Assert.Equal("Department", ticket.GetProperty("route").GetString());
        Assert.Equal("区城运中心", ticket.GetProperty("department").GetString());
        var id = ticket.GetProperty("id").GetGuid();

        var escalated = await Ok(await Post(xuhui, $"/api/tickets/{id}/escalate", 1, new { reason = "超时未处理" }));
        var t = escalated.GetProperty("ticket");
        Assert.Equal("310104", t.GetProperty("routedDivisionCode").GetString());
        Assert.Equal("Division", t.GetProperty("route").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("department").ValueKind);
        Assert.True(t.GetProperty("escalated").GetBoolean());
        Assert.Equal("Escalated", escalated.GetProperty("entries").EnumerateArray().Last().GetProperty("kind").GetString());

        var twice = await Post(xuhui, $"/api/tickets/{id}/escalate", t.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("status", await ErrorFields(twice));
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await xuhui.PostAsJsonAsync($"/api/tickets/{id}/escalate", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Xuhui_worker_cannot_see_or_answer_a_Pudong_ticket()
    {
        var pudong = await app.SignedIn("pudong");
        var place = await Committee(pudong, "310115");
        var ticket = await Open(pudong, new { category = "DailySupplies", place, description = "小区缺菜" });
        var id = ticket.GetProperty("id").GetGuid();

        var xuhui = await app.SignedIn("xuhui");
        Assert.Equal(HttpStatusCode.NotFound, (await xuhui.GetAsync($"/api/tickets/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(xuhui, $"/api/tickets/{id}/replies", 1, new { text = "越权回复" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(xuhui, $"/api/tickets/{id}/escalate", 1)).StatusCode);
        var list = await xuhui.GetFromJsonAsync<JsonElement>("/api/tickets?pageSize=500", Ct);
        Assert.All(list.GetProperty("items").EnumerateArray(), t => Assert.StartsWith("310104", t.GetProperty("divisionCode").GetString()));

        var commander = await app.SignedIn("commander");
        Assert.Equal(HttpStatusCode.OK, (await commander.GetAsync($"/api/tickets/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field()
    {
        var xuhui = await app.SignedIn("xuhui");
        var place = await Committee(xuhui, "310104");

        var unknown = await xuhui.PostAsJsonAsync("/api/tickets", new { category = "Noise", place, description = "噪音" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["category"], await ErrorFields(unknown));

        var numeric = await xuhui.PostAsJsonAsync("/api/tickets", new { category = "3", place, description = "数字类别" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, numeric.StatusCode);
        Assert.Contains("category", await ErrorFields(numeric));

        var malformed = await xuhui.PostAsJsonAsync("/api/tickets", new { category = "Other", place = "3101", description = "太粗", department = "不存在的部门" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["department", "place"], (await ErrorFields(malformed)).Order().ToArray());

        var pudongPlace = await Committee(xuhui, "310115");
        var outside = await xuhui.PostAsJsonAsync("/api/tickets", new { category = "Other", place = pudongPlace, description = "越界" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(["place"], await ErrorFields(outside));

        var id = (await Open(xuhui, new { category = "Testing", place, description = "核酸结果未出" })).GetProperty("id").GetGuid();
        foreach (var satisfaction in new int?[] { 0, 6, null })
        {
            var refused = await Post(xuhui, $"/api/tickets/{id}/close", 1, new { satisfaction });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(["satisfaction"], await ErrorFields(refused));
        }
        var stillOpen = await xuhui.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}", Ct);
        Assert.Equal("Open", stillOpen.GetProperty("ticket").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_analysis_counts_tickets_by_category_and_district_with_the_overdue_share()
    {
        var commander = await app.SignedIn("commander");
        var xuhui = await app.SignedIn("xuhui");
        var pudong = await app.SignedIn("pudong");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var url = $"/api/tickets/analysis?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var before = await commander.GetFromJsonAsync<JsonElement>(url, Ct);

        var xuhuiPlace = await Committee(xuhui, "310104");
        var pudongPlace = await Committee(pudong, "310115");
        for (var i = 0; i < 3; i++) await Open(xuhui, new { category = "Medicine", place = xuhuiPlace, description = $"配药 {i}" });
        await Open(xuhui, new { category = "DailySupplies", place = xuhuiPlace, description = "缺菜" });
        for (var i = 0; i < 2; i++) await Open(pudong, new { category = "Testing", place = pudongPlace, description = $"核酸 {i}", urgency = "Urgent" });

        var after = await commander.GetFromJsonAsync<JsonElement>(url, Ct);
        Assert.Equal(6, after.GetProperty("total").GetInt32() - before.GetProperty("total").GetInt32());
        Assert.Equal(3, Count(after, "310104", "Medicine") - Count(before, "310104", "Medicine"));
        Assert.Equal(1, Count(after, "310104", "DailySupplies") - Count(before, "310104", "DailySupplies"));
        Assert.Equal(2, Count(after, "310115", "Testing") - Count(before, "310115", "Testing"));
        Assert.Equal(0, Count(after, "310115", "Medicine") - Count(before, "310115", "Medicine"));
        var top = after.GetProperty("topCategories").EnumerateArray().Select(c => c.GetProperty("count").GetInt32()).ToArray();
        Assert.Equal(top.OrderDescending().ToArray(), top);

        // The two urgent Pudong tickets pass their deadline: the overdue count rises by two.
        app.Clock.Advance(TimeSpan.FromHours(3));
        commander = await app.SignedIn("commander");
        xuhui = await app.SignedIn("xuhui");
        var later = await commander.GetFromJsonAsync<JsonElement>(url, Ct);
        var district = District(later, "310115");
        Assert.True(Overdue(later, "310115") - Overdue(after, "310115") >= 2);
        Assert.Equal(Math.Round(district.GetProperty("overdue").GetInt32() / (double)district.GetProperty("total").GetInt32(), 4),
            district.GetProperty("overdueShare").GetDouble(), 4);

        // A district sees its own district only.
        var own = await xuhui.GetFromJsonAsync<JsonElement>(url, Ct);
        Assert.Equal(["310104"], own.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("districtCode").GetString()!).ToArray());

        var backwards = await commander.GetAsync($"/api/tickets/analysis?from={today.AddDays(1):yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(["from"], await ErrorFields(backwards));
    }

    [Fact]
    public async Task The_seeded_month_of_tickets_spreads_over_the_districts()
    {
        var commander = await app.SignedIn("commander");
        var analysis = await commander.GetFromJsonAsync<JsonElement>("/api/tickets/analysis", Ct);
        Assert.True(analysis.GetProperty("total").GetInt32() >= 300, analysis.GetProperty("total").ToString());
        Assert.True(analysis.GetProperty("districts").GetArrayLength() >= 10);
        Assert.InRange(analysis.GetProperty("overdueShare").GetDouble(), 0.01, 0.9);
    }

    [Fact]
    public async Task The_pages_list_open_show_and_analyse_tickets()
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Html(await client.GetAsync("/Account/Login", Ct));
        var signedIn = await client.PostAsync("/Account/Login", Form(login, ("userName", "xuhui"), ("password", DemoAccounts.Password)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var list = await client.GetAsync("/Tickets", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await Html(list);
        Assert.Contains("data-testid=\"ticket-form\"", html);

        var api = await app.SignedIn("xuhui");
        var place = await Committee(api, "310104");
        var bad = await client.PostAsync("/Tickets", Form(html, ("Form.Category", "Other"), ("Form.Place", "310115001001"), ("Form.Description", "越界")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("data-field=\"place\"", await Html(bad));

        var created = await client.PostAsync("/Tickets", Form(html, ("Form.Category", "Medicine"), ("Form.Place", place), ("Form.Urgency", "Urgent"), ("Form.Description", "页面受理")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detailsUrl = created.Headers.Location!.OriginalString;
        var details = await Html(await client.GetAsync(detailsUrl, Ct));
        Assert.Contains("页面受理", details);
        var replied = await client.PostAsync($"{detailsUrl}?handler=Reply", Form(details, ("Version", "1"), ("Text", "页面回复")), Ct);
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        Assert.Contains("页面回复", await Html(replied));

        var analysis = await client.GetAsync("/Tickets/Analysis", Ct);
        Assert.Equal(HttpStatusCode.OK, analysis.StatusCode);
        Assert.Contains("id=\"tickets-data\"", await Html(analysis));
    }

    private static JsonElement District(JsonElement analysis, string code) =>
        analysis.GetProperty("districts").EnumerateArray().FirstOrDefault(d => d.GetProperty("districtCode").GetString() == code);

    private static int Count(JsonElement analysis, string district, string category) =>
        District(analysis, district) is { ValueKind: JsonValueKind.Object } d && d.GetProperty("byCategory").TryGetProperty(category, out var n) ? n.GetInt32() : 0;

    private static int Overdue(JsonElement analysis, string district) =>
        District(analysis, district) is { ValueKind: JsonValueKind.Object } d ? d.GetProperty("overdue").GetInt32() : 0;

    private static async Task<string> Html(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields)
    {
        var token = TokenInput().Match(html);
        Assert.True(token.Success, "no antiforgery token on the page");
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = token.Groups[1].Value };
        foreach (var (name, value) in fields) values[name] = value;
        return new FormUrlEncodedContent(values);
    }

    [GeneratedRegex("""<input\b[^>]*name="__RequestVerificationToken"[^>]*\bvalue="([^"]+)"[^>]*>""")]
    private static partial Regex TokenInput();
}

public sealed class TicketsTestsOnSqlite(SqliteFactory app) : TicketsTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class TicketsTestsOnPostgres(PostgresFactory app) : TicketsTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

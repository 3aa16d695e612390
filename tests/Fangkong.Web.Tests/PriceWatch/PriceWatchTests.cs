using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fangkong.Web.Features.PriceWatch;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests.PriceWatch;

// Price and hoarding watch: pharmacies report sales, the three rules raise flags with their evidence,
// reviewers see the flags of their jurisdiction and close them with an outcome. Every test uses its
// own pharmacies and buyers, so the seeded demo sales and the other tests cannot move its numbers.
public abstract partial class PriceWatchTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sale_above_the_reference_price_by_more_than_the_margin_raises_a_price_flag_with_the_evidence()
    {
        var pharmacy = await NewPharmacyAsync("310104");
        var pharmacist = await PharmacistAsync(pharmacy);

        // IBU-300's reference is 18.50, so the limit at 20 % is 22.20: 22.20 passes, 30.00 does not.
        var fair = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 22.20m, Buyer()), Ct);
        Assert.Equal(HttpStatusCode.Created, fair.StatusCode);
        var gouged = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 2, 30.00m, Buyer()), Ct);
        Assert.Equal(HttpStatusCode.Created, gouged.StatusCode);
        var saleId = (await gouged.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("saleIds")[0].GetString();

        var flags = await FlagsOfAsync(await app.SignedIn("supplies"), pharmacy, "price");
        var flag = Assert.Single(flags);
        Assert.Equal("Open", flag.GetProperty("status").GetString());
        Assert.Equal("IBU-300", flag.GetProperty("productCode").GetString());
        Assert.Equal(saleId, flag.GetProperty("saleId").GetString());
        var evidence = flag.GetProperty("evidence");
        Assert.Equal(30.00m, evidence.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(18.50m, evidence.GetProperty("referencePrice").GetDecimal());
        Assert.Equal(0.20m, evidence.GetProperty("margin").GetDecimal());
        Assert.Equal(22.20m, evidence.GetProperty("limit").GetDecimal());
        Assert.Equal(62.2m, evidence.GetProperty("excessPercent").GetDecimal());
        Assert.Equal(2, evidence.GetProperty("quantity").GetInt64());
    }

    [Fact]
    public async Task One_buyer_taking_more_than_three_courses_in_a_week_across_two_pharmacies_is_flagged_as_hoarding()
    {
        var xuhui = await NewPharmacyAsync("310104");
        var pudong = await NewPharmacyAsync("310115");
        var atXuhui = await PharmacistAsync(xuhui);
        var atPudong = await PharmacistAsync(pudong);
        var hoarder = Buyer();
        var modest = Buyer();
        var now = app.Clock.GetUtcNow().UtcDateTime;

        // 2 + 2 = 4 courses of ibuprofen (1 box a course) within 7 days: above 3. The modest buyer takes 3.
        Assert.Equal(HttpStatusCode.Created, (await atXuhui.PostAsJsonAsync("/api/pricewatch/sales",
            new { sales = new[] { Sale("IBU-300", 2, 18.50m, hoarder, now.AddDays(-3)), Sale("IBU-300", 2, 18.50m, modest, now.AddDays(-3)) } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await atPudong.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 18.50m, modest), Ct)).StatusCode);
        var supplies = await app.SignedIn("supplies");
        Assert.Empty(await FlagsOfAsync(supplies, xuhui, "hoarding"));
        Assert.Empty(await FlagsOfAsync(supplies, pudong, "hoarding"));

        Assert.Equal(HttpStatusCode.Created, (await atPudong.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 2, 18.50m, hoarder), Ct)).StatusCode);

        // The flag belongs to the pharmacy whose sale crossed the limit; its evidence names both.
        var flag = Assert.Single(await FlagsOfAsync(supplies, pudong, "hoarding"));
        var evidence = flag.GetProperty("evidence");
        Assert.Equal(4m, evidence.GetProperty("courses").GetDecimal());
        Assert.Equal(3m, evidence.GetProperty("maxCourses").GetDecimal());
        Assert.Equal(7, evidence.GetProperty("windowDays").GetInt32());
        var pharmacies = evidence.GetProperty("pharmacies").EnumerateArray().Select(p => p.GetProperty("facilityId").GetGuid()).ToList();
        Assert.Equal([xuhui, pudong], pharmacies.Order().ToList(), EqualityComparer<List<Guid>>.Create((a, b) => a!.SequenceEqual(b!)));
        var buyer = evidence.GetProperty("buyer").GetString()!;
        Assert.Equal(12, buyer.Length);
        Assert.Matches("^[0-9a-f]{12}$", buyer);
        Assert.DoesNotContain(hoarder, flag.GetRawText());

        // A further sale in the same window keeps the one finding rather than raising another.
        Assert.Equal(HttpStatusCode.Created, (await atXuhui.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 18.50m, hoarder), Ct)).StatusCode);
        Assert.Empty(await FlagsOfAsync(supplies, xuhui, "hoarding"));
        Assert.Single(await FlagsOfAsync(supplies, pudong, "hoarding"));
    }

    [Fact]
    public async Task A_day_far_above_the_pharmacy_trailing_two_weeks_raises_a_sales_jump_flag()
    {
        var pharmacy = await NewPharmacyAsync("310104");
        var pharmacist = await PharmacistAsync(pharmacy);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Two weeks of 3 antigen tests a day (mean 3), then 20 buyers × 3 = 60 today: above 3 × 3 and at least 50.
        var history = Enumerable.Range(1, 14).Select(d => Sale("AG-1", 3, 3.50m, Buyer(), now.AddDays(-d)));
        var today = Enumerable.Range(0, 20).Select(i => Sale("AG-1", 3, 3.50m, Buyer(), now.AddMinutes(-i)));
        var response = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", new { sales = history.Concat(today).ToArray() }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(34, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32());

        var supplies = await app.SignedIn("supplies");
        var flag = Assert.Single(await FlagsOfAsync(supplies, pharmacy, "salesJump"));
        var evidence = flag.GetProperty("evidence");
        Assert.Equal(60, evidence.GetProperty("dayUnits").GetInt64());
        Assert.Equal(42, evidence.GetProperty("trailingUnits").GetInt64());
        Assert.Equal(3m, evidence.GetProperty("trailingMean").GetDecimal());
        Assert.Equal(14, evidence.GetProperty("historyDays").GetInt32());
        Assert.Equal(50, evidence.GetProperty("minimumUnits").GetInt64());
        Assert.Equal(app.Clock.Day(0), evidence.GetProperty("day").GetString());
        Assert.Empty(await FlagsOfAsync(supplies, pharmacy, "hoarding"));
        Assert.Empty(await FlagsOfAsync(supplies, pharmacy, "price"));
    }

    [Fact]
    public async Task The_buyer_ID_number_is_kept_only_as_a_keyed_hash_in_every_table()
    {
        var pharmacy = await NewPharmacyAsync("310104");
        var pharmacist = await PharmacistAsync(pharmacy);
        var idNumber = Buyer();
        // Enough for a hoarding flag too, so the number had every chance to reach the evidence.
        var response = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 5, 40m, idNumber.ToLowerInvariant()), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain(idNumber, await response.Content.ReadAsStringAsync(Ct));

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
        var sale = await db.PharmacySales.SingleAsync(s => s.FacilityId == pharmacy, Ct);
        Assert.Matches("^[0-9a-f]{64}$", sale.BuyerHash);
        Assert.Equal(scope.ServiceProvider.GetRequiredService<BuyerHasher>().Hash(idNumber), sale.BuyerHash);
        Assert.Equal(2, await db.WatchFlags.CountAsync(f => f.FacilityId == pharmacy, Ct));

        foreach (var table in new[] { "PharmacySales", "WatchFlags", "AuditEntries", "IdempotencyRecords" })
        {
            var cells = await AllCellsAsync(db, table);
            Assert.DoesNotContain(cells, c => c.Contains(idNumber[..17], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_nothing_of_the_batch_is_stored()
    {
        var pharmacy = await NewPharmacyAsync("310104");
        var other = await NewPharmacyAsync("310104");
        var pharmacist = await PharmacistAsync(pharmacy);
        var good = Buyer();
        var badCheckDigit = good[..17] + (good[17] == '0' ? '1' : '0');

        var batch = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", new
        {
            sales = new object[]
            {
                Sale("IBU-300", 1, 18.50m, good),
                new { productCode = "NO-SUCH", quantity = 0, unitPrice = -1m, buyerIdNumber = badCheckDigit },
                new { quantity = 1, unitPrice = 1.234m, buyerIdNumber = "12345" },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        var body = await batch.Content.ReadAsStringAsync(Ct);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "sales[1].productCode", "sales[1].quantity", "sales[1].unitPrice", "sales[1].buyerIdNumber",
            "sales[2].productId", "sales[2].unitPrice", "sales[2].buyerIdNumber",
        }, errors);
        Assert.DoesNotContain("sales[0].", string.Join(" ", errors));
        Assert.DoesNotContain(badCheckDigit, body);

        var single = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", new { productCode = "IBU-300", unitPrice = 18.5m, buyerIdNumber = good }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Contains("quantity", JsonDocument.Parse(await single.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        // A pharmacist reports only for its own pharmacy.
        var elsewhere = await pharmacist.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 18.50m, good, facilityId: other), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("facilityId", await elsewhere.Content.ReadAsStringAsync(Ct));

        // A reviewer may not report sales at all.
        var reviewer = await app.SignedIn("supplies");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 18.50m, good, facilityId: pharmacy), Ct)).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        var db = scope.ServiceProvider.GetRequiredService<FangkongDb>();
        Assert.Equal(0, await db.PharmacySales.CountAsync(s => s.FacilityId == pharmacy || s.FacilityId == other, Ct));
    }

    [Fact]
    public async Task A_Pudong_reviewer_does_not_see_or_close_the_flags_of_a_Xuhui_pharmacy()
    {
        var xuhui = await NewPharmacyAsync("310104");
        var pudong = await NewPharmacyAsync("310115");
        await (await PharmacistAsync(xuhui)).PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 50m, Buyer()), Ct);
        await (await PharmacistAsync(pudong)).PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 50m, Buyer()), Ct);
        var city = await app.SignedIn("supplies");
        var xuhuiFlag = Assert.Single(await FlagsOfAsync(city, xuhui, "price")).GetProperty("id").GetString();
        var pudongFlag = Assert.Single(await FlagsOfAsync(city, pudong, "price")).GetProperty("id").GetString();

        var pudongReviewer = await app.SignedIn("pudong-supplies");
        var seen = await pudongReviewer.GetFromJsonAsync<JsonElement>("/api/pricewatch/flags?pageSize=500", Ct);
        var ids = seen.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Contains(pudongFlag, ids);
        Assert.DoesNotContain(xuhuiFlag, ids);
        Assert.All(seen.GetProperty("items").EnumerateArray(), f => Assert.StartsWith("310115", f.GetProperty("divisionCode").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await pudongReviewer.GetAsync($"/api/pricewatch/flags/{xuhuiFlag}", Ct)).StatusCode);
        var close = new HttpRequestMessage(HttpMethod.Post, $"/api/pricewatch/flags/{xuhuiFlag}/close")
        {
            Content = JsonContent.Create(new { outcome = "dismissed", note = "不是我区" }),
        };
        close.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, (await pudongReviewer.SendAsync(close, Ct)).StatusCode);

        // Pharmacists have no review right at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await PharmacistAsync(xuhui)).GetAsync("/api/pricewatch/flags", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_reviewer_closes_a_flag_with_an_outcome_and_a_note_once()
    {
        var pharmacy = await NewPharmacyAsync("310104");
        await (await PharmacistAsync(pharmacy)).PostAsJsonAsync("/api/pricewatch/sales", Sale("IBU-300", 1, 45m, Buyer()), Ct);
        var supplies = await app.SignedIn("supplies");
        var id = Assert.Single(await FlagsOfAsync(supplies, pharmacy, "price")).GetProperty("id").GetString();
        var read = await supplies.GetAsync($"/api/pricewatch/flags/{id}", Ct);
        var etag = read.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.PreconditionRequired,
            (await supplies.PostAsJsonAsync($"/api/pricewatch/flags/{id}/close", new { outcome = "confirmed", note = "x" }, Ct)).StatusCode);
        var bad = await CloseAsync(supplies, id!, etag, new { outcome = "maybe", note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badFields = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("outcome", badFields);
        Assert.Contains("note", badFields);

        var closed = await CloseAsync(supplies, id!, etag, new { outcome = "confirmed", note = "已移送区市场监管局" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var flag = await closed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Closed", flag.GetProperty("status").GetString());
        Assert.Equal("Confirmed", flag.GetProperty("outcome").GetString());
        Assert.Equal("已移送区市场监管局", flag.GetProperty("note").GetString());
        Assert.Equal("supplies", flag.GetProperty("closedBy").GetString());

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await CloseAsync(supplies, id!, etag, new { outcome = "dismissed", note = "again" })).StatusCode);
        var again = await CloseAsync(supplies, id!, closed.Headers.ETag!.Tag, new { outcome = "dismissed", note = "again" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("status", await again.Content.ReadAsStringAsync(Ct));
        var open = await supplies.GetFromJsonAsync<JsonElement>("/api/pricewatch/flags?status=open&pageSize=500", Ct);
        Assert.DoesNotContain(id, open.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        var closedList = await supplies.GetFromJsonAsync<JsonElement>("/api/pricewatch/flags?status=closed&kind=price", Ct);
        Assert.Contains(id, closedList.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_demo_review_list_shows_an_open_price_flag_for_the_seeded_overpriced_ibuprofen()
    {
        var supplies = await app.SignedIn("supplies");
        var open = await supplies.GetFromJsonAsync<JsonElement>("/api/pricewatch/flags?kind=price&status=open&pageSize=500", Ct);
        Assert.Contains(open.GetProperty("items").EnumerateArray(), f => f.GetProperty("productCode").GetString() == "IBU-300"
            && f.GetProperty("evidence").GetProperty("unitPrice").GetDecimal() == 58.00m);

        var browser = await LogInAsync("supplies");
        var page = await browser.GetAsync("/PriceWatch?kind=Price&status=Open", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("data-testid=\"flag-table\"", html);
        Assert.Contains("售价 58 元", html);
        Assert.Contains("参考价 18.5 元", html);

        // The demo pharmacist reports through its form and may not open the review list.
        var pharmacist = await LogInAsync("pharmacy");
        Assert.Equal(HttpStatusCode.Forbidden, (await pharmacist.GetAsync("/PriceWatch", Ct)).StatusCode);
        var form = await pharmacist.GetAsync("/PriceWatch/Sales", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var formHtml = await form.Content.ReadAsStringAsync(Ct);
        var idNumber = Buyer();
        var posted = await pharmacist.PostAsync("/PriceWatch/Sales", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(formHtml), ["Form.ProductCode"] = "APAP-500", ["Form.Quantity"] = "1",
            ["Form.UnitPrice"] = "9.80", ["Form.BuyerIdNumber"] = idNumber,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/PriceWatch/Sales?recorded=1", posted.Headers.Location?.ToString());
        var refused = await pharmacist.PostAsync("/PriceWatch/Sales", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(formHtml), ["Form.ProductCode"] = "APAP-500", ["Form.Quantity"] = "1",
            ["Form.UnitPrice"] = "9.80", ["Form.BuyerIdNumber"] = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-field=\"buyerIdNumber\"", refusedHtml);
        Assert.DoesNotContain(idNumber[..17], refusedHtml);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static object Sale(string productCode, long quantity, decimal unitPrice, string buyerIdNumber, DateTime? soldAt = null, Guid? facilityId = null) =>
        new { facilityId, productCode, quantity, unitPrice, buyerIdNumber, soldAt };

    private static string Buyer() => TestPeople.UniqueIdNumber("310104");

    private async Task<Guid> NewPharmacyAsync(string district)
    {
        var supplies = await app.SignedIn("supplies");
        var committee = await TestPeople.FirstCommittee(supplies, district);
        var created = await supplies.PostAsJsonAsync("/api/facilities", TestPeople.Facility(committee, $"监测测试药房-{Guid.NewGuid():N}"[..16]), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private Task<HttpClient> PharmacistAsync(Guid pharmacy) => app.UserWithScope("Pharmacist", facility: pharmacy);

    private static async Task<List<JsonElement>> FlagsOfAsync(HttpClient reviewer, Guid pharmacy, string kind)
    {
        var page = await reviewer.GetFromJsonAsync<JsonElement>($"/api/pricewatch/flags?kind={kind}&pageSize=500", Ct);
        return page.GetProperty("items").EnumerateArray().Where(f => f.GetProperty("facilityId").GetGuid() == pharmacy).ToList();
    }

    private static Task<HttpResponseMessage> CloseAsync(HttpClient client, string id, string etag, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pricewatch/flags/{id}/close") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Ct);
    }

    private static async Task<List<string>> AllCellsAsync(FangkongDb db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var cells = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            for (var i = 0; i < reader.FieldCount; i++)
                if (!await reader.IsDBNullAsync(i, Ct)) cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return cells;
    }

    private async Task<HttpClient> LogInAsync(string userName)
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await (await client.GetAsync("/Account/Login", Ct)).Content.ReadAsStringAsync(Ct);
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(login), ["userName"] = userName, ["password"] = DemoAccounts.Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string Token(string html)
    {
        var tag = InputTag().Matches(html).Select(m => m.Value).FirstOrDefault(t => t.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal));
        Assert.True(tag is not null, "no antiforgery token on the page");
        return Regex.Match(tag, "\\svalue=\"(?<v>[^\"]*)\"").Groups["v"].Value;
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();
}

public sealed class PriceWatchTestsOnSqlite(SqliteFactory app) : PriceWatchTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class PriceWatchTestsOnPostgres(PostgresFactory app) : PriceWatchTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

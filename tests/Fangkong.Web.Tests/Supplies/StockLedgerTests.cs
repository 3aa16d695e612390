using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fangkong.Web.Tests.Supplies;

// The stock ledger through the real HTTP pipeline. Each test opens its own pharmacy, so tests of a
// class share the database without seeing each other's stock.
public abstract partial class StockLedgerTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> NewPharmacy(HttpClient client, string district = "310104")
    {
        var committee = await TestPeople.FirstCommittee(client, district);
        var created = await client.PostAsJsonAsync("/api/facilities",
            new { kind = "Pharmacy", name = $"台账测试药店 {Guid.NewGuid():N}"[..20], divisionCode = committee, address = "测试路 1 号" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> Product(HttpClient client, string code = "IBU-300")
    {
        var products = (await client.GetFromJsonAsync<JsonElement[]>("/api/supplies/products", Ct))!;
        return products.Single(p => p.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> Move(HttpClient client, Guid facility, Guid product, string reason, long quantity,
        string? lot = null, string? expiry = null) =>
        client.PostAsJsonAsync("/api/supplies/movements", new { facilityId = facility, productId = product, reason, quantity, lot, expiry }, Ct);

    private static async Task<JsonElement[]> Lots(HttpClient client, Guid facility, Guid product)
    {
        var stock = (await client.GetFromJsonAsync<JsonElement[]>($"/api/supplies/stock?facilityId={facility}&productId={product}", Ct))!;
        return stock.Length == 0 ? [] : [.. stock[0].GetProperty("lots").EnumerateArray()];
    }

    private static async Task<long> OnHand(HttpClient client, Guid facility, Guid product) =>
        (await Lots(client, facility, product)).Sum(l => l.GetProperty("onHand").GetInt64());

    private static async Task<JsonElement[]> Movements(HttpClient client, Guid facility, Guid? product = null)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/supplies/movements?facilityId={facility}{(product is null ? "" : $"&productId={product}")}&pageSize=500", Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<JsonElement> Errors(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");

    [Fact]
    public async Task A_receipt_then_an_issue_leaves_the_difference_on_hand()
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        Assert.Equal(HttpStatusCode.Created, (await Move(supplies, pharmacy, ibuprofen, "receipt", 100, "L1", app.Clock.Day(220))).StatusCode);
        var issued = await Move(supplies, pharmacy, ibuprofen, "issue", 30);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal(70, (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("onHand").GetInt64());
        Assert.Equal(70, await OnHand(supplies, pharmacy, ibuprofen));
        var movements = await Movements(supplies, pharmacy);
        Assert.Equal([-30L, 100L], movements.Select(m => m.GetProperty("change").GetInt64()));
        Assert.Equal(["Issue", "Receipt"], movements.Select(m => m.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_issue_larger_than_on_hand_is_refused_naming_quantity_and_stores_nothing()
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        await Move(supplies, pharmacy, ibuprofen, "receipt", 10, "L1", app.Clock.Day(220));
        var refused = await Move(supplies, pharmacy, ibuprofen, "issue", 11);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Errors(refused)).TryGetProperty("quantity", out _));
        Assert.Single(await Movements(supplies, pharmacy));
        var lot = Assert.Single(await Lots(supplies, pharmacy, ibuprofen));
        Assert.Equal(("L1", 10L), (lot.GetProperty("lot").GetString(), lot.GetProperty("onHand").GetInt64()));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    public async Task A_quantity_that_is_not_positive_is_refused(long quantity)
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        var refused = await Move(supplies, pharmacy, ibuprofen, "receipt", quantity);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Errors(refused)).TryGetProperty("quantity", out _));
        Assert.Empty(await Movements(supplies, pharmacy));
    }

    [Fact]
    public async Task An_unknown_product_and_an_unknown_facility_are_named()
    {
        var supplies = await app.SignedIn("supplies");
        var refused = await Move(supplies, Guid.NewGuid(), Guid.NewGuid(), "receipt", 5);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = await Errors(refused);
        Assert.True(errors.TryGetProperty("facilityId", out _));
        Assert.True(errors.TryGetProperty("productId", out _));
    }

    [Fact]
    public async Task A_facility_outside_the_jurisdiction_is_forbidden_and_not_visible()
    {
        var supplies = await app.SignedIn("supplies");
        var (xuhuiPharmacy, ibuprofen) = (await NewPharmacy(supplies, "310104"), await Product(supplies));
        var pudong = await app.SignedIn("pudong-supplies");
        Assert.Equal(HttpStatusCode.Forbidden, (await Move(pudong, xuhuiPharmacy, ibuprofen, "receipt", 5)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/api/supplies/stock?facilityId={xuhuiPharmacy}", Ct)).StatusCode);
        Assert.Empty(await Movements(pudong, xuhuiPharmacy));
        Assert.Empty(await Movements(supplies, xuhuiPharmacy));
    }

    [Fact]
    public async Task On_hand_of_every_lot_equals_the_sum_of_its_movements_after_a_mixed_run()
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        var steps = new (string Reason, long Quantity, string? Lot, string? Expiry, bool Ok)[]
        {
            ("receipt", 40, "EARLY", app.Clock.Day(70), true), ("receipt", 60, "LATE", app.Clock.Day(435), true), ("receipt", 15, null, null, true),
            ("dispensed", 50, null, null, true),        // FEFO: all 40 of EARLY, then 10 of LATE
            ("damaged", 5, "LATE", null, true), ("issue", 100, null, null, false), ("found", 3, "EARLY", app.Clock.Day(70), true),
            ("lost", 7, null, null, true), ("issue", 56, null, null, true), ("issue", 1, null, null, false),
        };
        foreach (var s in steps)
        {
            var response = await Move(supplies, pharmacy, ibuprofen, s.Reason, s.Quantity, s.Lot, s.Expiry);
            Assert.True(s.Ok == (response.StatusCode == HttpStatusCode.Created), $"{s.Reason} {s.Quantity}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
        var movements = await Movements(supplies, pharmacy, ibuprofen);
        var lots = await Lots(supplies, pharmacy, ibuprofen);
        var sums = movements.GroupBy(m => m.GetProperty("lot").GetString()!).ToDictionary(g => g.Key, g => g.Sum(m => m.GetProperty("change").GetInt64()));
        foreach (var lot in lots)
            Assert.Equal(sums[lot.GetProperty("lot").GetString()!], lot.GetProperty("onHand").GetInt64());
        Assert.All(sums, s => Assert.Contains(lots, l => l.GetProperty("lot").GetString() == s.Key || s.Value == 0));
        Assert.Equal(40 + 60 + 15 - 50 - 5 + 3 - 7 - 56, await OnHand(supplies, pharmacy, ibuprofen));
        // The newest movement of each lot carries its balance.
        foreach (var lot in lots)
            Assert.Equal(lot.GetProperty("onHand").GetInt64(),
                movements.First(m => m.GetProperty("lot").GetString() == lot.GetProperty("lot").GetString()).GetProperty("balanceAfter").GetInt64());
        Assert.All(movements, m => Assert.True(m.GetProperty("balanceAfter").GetInt64() >= 0));
    }

    [Fact]
    public async Task Twenty_parallel_issues_of_ten_against_a_hundred_on_hand_let_exactly_ten_through()
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        Assert.Equal(HttpStatusCode.Created, (await Move(supplies, pharmacy, ibuprofen, "receipt", 40, "A", app.Clock.Day(129))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Move(supplies, pharmacy, ibuprofen, "receipt", 60, "B", app.Clock.Day(312))).StatusCode);
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SignedIn("supplies")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Move(clients[i % clients.Length], pharmacy, ibuprofen, "issue", 10), Ct)));

        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(10, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(10, codes.Count(c => c == HttpStatusCode.BadRequest));
        Assert.Equal(0, await OnHand(supplies, pharmacy, ibuprofen));
        var movements = await Movements(supplies, pharmacy, ibuprofen);
        Assert.Equal(-100, movements.Where(m => m.GetProperty("reason").GetString() == "Issue").Sum(m => m.GetProperty("change").GetInt64()));
        Assert.All(movements, m => Assert.True(m.GetProperty("balanceAfter").GetInt64() >= 0));
    }

    private static MultipartFormDataContent Csv(string body)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(body)), "file", "stock.csv");
        return content;
    }

    [Fact]
    public async Task A_stock_report_file_with_bad_rows_is_reported_by_row_and_stores_nothing_in_mode_all()
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        await Move(supplies, pharmacy, ibuprofen, "receipt", 50, "R1", app.Clock.Day(404));
        const string header = "date,facilityId,productCode,dispensed,received,counted,lot,expiry";
        var body = $"""
            {header}
            {app.Clock.Day(-2)},{pharmacy},IBU-300,10,20,,R2,{app.Clock.Day(435)}
            {app.Clock.Day(-2)},{pharmacy},NOPE-1,1,,,,
            {app.Clock.Day(-1)},{pharmacy},APAP-500,-3,,,,
            2026-13-01,{pharmacy},IBU-300,1,,,,
            {app.Clock.Day(-1)},{pharmacy},IBU-300,500,,,,
            {app.Clock.Day(-3)},{Guid.NewGuid()},IBU-300,1,,,,
            """;
        var all = await supplies.PostAsync("/api/supplies/stock-reports/import", Csv(body), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, all.StatusCode);
        var report = (await all.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("report");
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "productCode"), errors);
        Assert.Contains((4, "dispensed"), errors);
        Assert.Contains((5, "date"), errors);
        Assert.Contains((7, "facilityId"), errors);
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Single(await Movements(supplies, pharmacy));
        Assert.Equal(50, await OnHand(supplies, pharmacy, ibuprofen));

        // Valid-only: the good row and the row the ledger refuses (500 > on hand) are judged in order;
        // the refused row leaves nothing of itself.
        var valid = await supplies.PostAsync("/api/supplies/stock-reports/import?mode=valid", Csv(body), Ct);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        var stored = await valid.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, stored.GetProperty("imported").GetInt32());
        Assert.Contains(stored.GetProperty("errors").EnumerateArray(), e => e.GetProperty("row").GetInt32() == 6 && e.GetProperty("field").GetString() == "dispensed");
        Assert.Equal(50 + 20 - 10, await OnHand(supplies, pharmacy, ibuprofen));

        // The same day again is refused rather than counted twice.
        var again = await supplies.PostAsync("/api/supplies/stock-reports/import?mode=valid", Csv($"{header}\n{app.Clock.Day(-2)},{pharmacy},IBU-300,10,20,,,\n"), Ct);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("imported").GetInt32());
        Assert.Equal(60, await OnHand(supplies, pharmacy, ibuprofen));
    }

    [Fact]
    public async Task A_reported_count_becomes_a_found_or_lost_movement_of_the_difference()
    {
        var supplies = await app.SignedIn("supplies");
        var (pharmacy, ibuprofen) = (await NewPharmacy(supplies), await Product(supplies));
        await Move(supplies, pharmacy, ibuprofen, "receipt", 50, "R1", app.Clock.Day(404));
        var response = await supplies.PostAsJsonAsync("/api/supplies/stock-reports", new
        {
            rows = new object[]
            {
                new { date = app.Clock.Day(-2), facilityId = pharmacy, productCode = "IBU-300", dispensed = 10, counted = 35 },
                new { date = app.Clock.Day(-1), facilityId = pharmacy, productCode = "IBU-300", dispensed = 5, counted = 33 },
            },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(33, await OnHand(supplies, pharmacy, ibuprofen));
        var reasons = (await Movements(supplies, pharmacy)).Select(m => (m.GetProperty("reason").GetString(), m.GetProperty("change").GetInt64())).ToList();
        Assert.Contains(("Lost", -5L), reasons);
        Assert.Contains(("Found", 3L), reasons);
    }

    [Fact]
    public async Task Days_of_supply_sum_sites_by_district_for_the_city_and_by_street_for_a_district()
    {
        var supplies = await app.SignedIn("supplies");
        var ibuprofen = await Product(supplies);
        var city = await supplies.GetFromJsonAsync<JsonElement>($"/api/supplies/days-of-supply?productId={ibuprofen}&division=3101", Ct);
        var districts = city.GetProperty("children").EnumerateArray().ToList();
        Assert.True(districts.Count >= 10);
        Assert.All(districts, d => Assert.Equal(6, d.GetProperty("divisionCode").GetString()!.Length));
        Assert.Equal(city.GetProperty("total").GetProperty("onHand").GetInt64(), districts.Sum(d => d.GetProperty("onHand").GetInt64()));

        var pudong = await app.SignedIn("pudong-supplies");
        var district = await pudong.GetFromJsonAsync<JsonElement>($"/api/supplies/days-of-supply?productId={ibuprofen}", Ct);
        Assert.Equal("310115", district.GetProperty("divisionCode").GetString());
        Assert.All(district.GetProperty("children").EnumerateArray(), s => Assert.StartsWith("310115", s.GetProperty("divisionCode").GetString()));
        Assert.Equal(districts.Single(d => d.GetProperty("divisionCode").GetString() == "310115").GetProperty("onHand").GetInt64(),
            district.GetProperty("total").GetProperty("onHand").GetInt64());
    }

    [Fact]
    public async Task A_pharmacy_account_lands_on_its_own_ledger_and_records_through_the_form()
    {
        app.EnsureAvailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/Account/Login", Ct);
        var signedIn = await client.PostAsync("/Account/Login", Form(login, ("userName", "pharmacy"), ("password", DemoAccounts.Password)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var page = await client.GetStringAsync("/Supplies/Stock", Ct);
        Assert.Contains("data-testid=\"stock-facility\"", page);
        Assert.Contains("data-testid=\"stock-table\"", page);
        var action = Regex.Match(page, "action=\"(/Supplies/Stock\\?facility=[^\"]+)\"").Groups[1].Value;
        var product = Regex.Match(page, "name=\"Form.ProductId\"[^>]*>\\s*<option value=\"([^\"]+)\"").Groups[1].Value;

        var refused = await client.PostAsync(action, Form(page, ("Form.Reason", "issue"), ("Form.ProductId", product), ("Form.Quantity", "99999999")), Ct);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Matches("data-testid=\"quantity-error\">[^<]+<", html);

        var recorded = await client.PostAsync(action, Form(page, ("Form.Reason", "receipt"), ("Form.ProductId", product), ("Form.Quantity", "12"), ("Form.Lot", "FORM-1")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("FORM-1", await client.GetStringAsync(recorded.Headers.Location!.ToString(), Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(action.Replace("/Supplies/Stock", "/Supplies/Policies"), Ct)).StatusCode);
    }

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields)
    {
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var values = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        foreach (var (name, value) in fields) values[name] = value;
        return new FormUrlEncodedContent(values);
    }
}

public sealed class StockLedgerTestsOnSqlite(SqliteFactory app) : StockLedgerTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class StockLedgerTestsOnPostgres(PostgresFactory app) : StockLedgerTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

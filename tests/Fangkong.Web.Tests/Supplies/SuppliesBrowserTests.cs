using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests.Supplies;

// The demonstration on the demo city, in a browser: ibuprofen is short; the city task
// force runs the engine, reads the plan's explanations, approves it, a delivery is dispatched and
// received, and the site's stock and the board's days of supply change.
public sealed class SuppliesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shortage_of_ibuprofen_is_planned_approved_delivered_and_received()
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, "supplies");
        var api = await browser.Api("supplies");

        await page.GotoAsync(browser.BaseUrl + "/Supplies");
        await page.WaitForSelectorAsync("#supply-chart[data-rendered] canvas");
        Assert.Contains("布洛芬", await page.InnerTextAsync("[data-testid=board-product] option:checked"));
        Assert.True(await page.Locator("[data-testid=supply-warning]").CountAsync() > 0, "ibuprofen is short, so the board warns");
        var stockBefore = Number(await page.InnerTextAsync("[data-testid=site-stock]"));
        await BrowserFixture.Screenshot(page, "supplies-board");

        await page.ClickAsync("[data-testid=new-plan]");
        await page.WaitForSelectorAsync("[data-testid=run-plan]");
        await page.ClickAsync("[data-testid=run-plan-submit]");
        await page.WaitForURLAsync(url => url.Contains("/Supplies/Plans/", StringComparison.Ordinal), new() { Timeout = 120_000 });
        Assert.Contains("草案", await page.InnerTextAsync("[data-testid=plan-status]"));
        // Three priority classes: the first two are served in full, the pharmacies share what is left evenly.
        var classes = page.Locator("[data-testid=plan-classes] tbody tr");
        Assert.Equal(3, await classes.CountAsync());
        Assert.Contains("精确到 1 个单位", await classes.Nth(2).InnerTextAsync());
        // Least served first, each with its reason; a class link shows that class's sites.
        Assert.Contains("供应不足，与同级网点按相同比例分配", await page.InnerTextAsync("[data-testid=plan-sites] tbody tr:first-child"));
        await BrowserFixture.Screenshot(page, "supplies-plan");
        await page.ClickAsync("[data-testid=class-1]");
        await page.WaitForURLAsync(url => url.Contains("priority=1", StringComparison.Ordinal));
        Assert.Contains("需求全部满足", await page.InnerTextAsync("[data-testid=plan-sites] tbody tr:first-child"));

        await page.ClickAsync("[data-testid=approve-plan]");
        await page.WaitForSelectorAsync("[data-testid=plan-approved]", new() { Timeout = 120_000 });
        var planId = page.Url.Split('/')[^1].Split('?')[0];
        await page.ClickAsync("[data-testid=plan-orders]");
        await page.WaitForSelectorAsync("[data-testid=orders]");

        // The first row of the board is the first order the API lists for the plan.
        var listed = await api.GetFromJsonAsync<JsonElement>($"/api/supplies/orders?planId={planId}&pageSize=1", Ct);
        var order = listed.GetProperty("items")[0];
        var (number, site, product, units) = (order.GetProperty("number").GetString()!, order.GetProperty("siteId").GetGuid(),
            order.GetProperty("productId").GetGuid(), order.GetProperty("units").GetInt64());
        var siteBefore = await OnHand(api, site, product);
        var row = page.Locator($"tr[data-order='{number}']");
        await row.Locator("[data-testid=dispatch]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=order-done]");
        Assert.Contains("已发运", await page.InnerTextAsync("[data-testid=order-done]"));

        await page.GotoAsync(browser.BaseUrl + $"/Supplies/Orders?planId={planId}&status=Dispatched");
        row = page.Locator($"tr[data-order='{number}']");
        await row.Locator("input[name=ReceivedUnits]").FillAsync(units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.Locator("[data-testid=receive]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=order-done]");
        Assert.Contains("已签收", await page.InnerTextAsync("[data-testid=order-done]"));
        await BrowserFixture.Screenshot(page, "supplies-orders");

        Assert.Equal(siteBefore + units, await OnHand(api, site, product));
        await page.GotoAsync(browser.BaseUrl + "/Supplies");
        await page.WaitForSelectorAsync("#supply-chart[data-rendered] canvas");
        Assert.Equal(stockBefore + units, Number(await page.InnerTextAsync("[data-testid=site-stock]")));

        // The price watch: the demo's overpriced ibuprofen sale is waiting for review, with its evidence.
        await page.ClickAsync("nav a[href='/PriceWatch']");
        await page.WaitForSelectorAsync("[data-testid=flag-table]");
        var flags = await page.InnerTextAsync("[data-testid=flag-table] tbody");
        Assert.Contains("IBU-300", flags);
        Assert.Contains("58", flags);
        await BrowserFixture.Screenshot(page, "pricewatch-review");
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> OnHand(HttpClient api, Guid facility, Guid product)
    {
        var stock = (await api.GetFromJsonAsync<JsonElement[]>($"/api/supplies/stock?facilityId={facility}&productId={product}", Ct))!;
        return stock.Sum(s => s.GetProperty("onHand").GetInt64());
    }
}

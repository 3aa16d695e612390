using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Supplies;

public sealed class StockBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_pharmacist_sees_its_own_ledger_with_days_of_supply_and_the_movement_form()
    {
        browser.EnsureAvailable();
        var page = await browser.NewPage();
        await browser.LogIn(page, "pharmacy");
        await page.GotoAsync(browser.BaseUrl + "/Supplies/Stock");
        await page.Locator("[data-testid=stock-table]").WaitForAsync();
        Assert.True(await page.Locator("[data-testid=movement-form]").IsVisibleAsync());
        Assert.True(await page.Locator("[data-testid=movement-table] tbody tr").CountAsync() > 0);
        await BrowserFixture.Screenshot(page, "supplies-stock-pharmacy");
    }
}

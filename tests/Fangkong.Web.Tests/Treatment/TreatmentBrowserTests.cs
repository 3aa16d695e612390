using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Treatment;

// The capacity view and a hospital's bed board on the demo city, in a browser.
public sealed class TreatmentBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_capacity_map_drills_to_a_hospital_bed_board_with_masked_patients()
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, "medical");
        await page.GotoAsync(browser.BaseUrl + "/Treatment");
        await page.WaitForSelectorAsync("#capacity-chart[data-rendered] canvas");
        Assert.True(int.Parse(await page.InnerTextAsync("[data-testid=total-beds]"), System.Globalization.NumberStyles.AllowThousands,
            System.Globalization.CultureInfo.InvariantCulture) > 0);
        await BrowserFixture.Screenshot(page, "treatment-capacity");

        await page.ClickAsync("[data-testid=capacity-facilities] [data-testid=facility-link] >> nth=0");
        await page.WaitForSelectorAsync("[data-testid=facility-name]");
        Assert.True(await page.Locator("[data-testid=ward]").CountAsync() > 0);
        var text = await page.InnerTextAsync("main");
        Assert.DoesNotMatch(@"\d{17}[\dX]", text);
        await BrowserFixture.Screenshot(page, "treatment-facility");

        await page.GotoAsync(browser.BaseUrl + "/Treatment/Turnover");
        await page.WaitForSelectorAsync("#turnover-chart[data-rendered] canvas");
        Assert.True(int.Parse(await page.InnerTextAsync("[data-testid=admissions]"), System.Globalization.NumberStyles.AllowThousands,
            System.Globalization.CultureInfo.InvariantCulture) > 0);
        await BrowserFixture.Screenshot(page, "treatment-turnover");
    }
}

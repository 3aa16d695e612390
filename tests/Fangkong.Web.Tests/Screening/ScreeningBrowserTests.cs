using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Localization;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests.Screening;

public sealed class ScreeningBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The round picker used an inline onchange that the Content-Security-Policy blocked: choosing another round
    // changed nothing and the file went to the preselected round. Now the page follows the choice, and so does
    // the upload's endpoint.
    [Fact]
    public async Task Choosing_another_round_on_the_sample_import_moves_the_upload_to_that_round()
    {
        browser.EnsureAvailable();
        var api = await browser.Api("epi");
        var today = ChinaTime.Today(browser.App.Clock).ToString("yyyy-MM-dd");
        var rounds = new List<int>();
        foreach (var name in new[] { "浏览器测试 甲", "浏览器测试 乙" })
        {
            var created = await api.PostAsJsonAsync("/api/screening/rounds",
                new { areaCode = "310104", name, date = today, deadline = $"{today} 23:00", poolSize = 10 }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            rounds.Add((await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32());
        }

        var page = await browser.NewPage();
        await browser.LogIn(page, "epi");
        await page.GotoAsync(browser.BaseUrl + "/Screening/Import");
        var picker = page.Locator("select[name=round]");
        var first = await picker.InputValueAsync();
        var other = first == rounds[0].ToString() ? rounds[1].ToString() : rounds[0].ToString();

        await picker.SelectOptionAsync(other!);
        await page.WaitForURLAsync(url => url.Contains($"round={other}", StringComparison.Ordinal));
        Assert.Equal(other, await page.Locator("select[name=round]").InputValueAsync());
        Assert.Equal($"/api/screening/rounds/{other}/samples", await page.Locator("[data-testid=samples-form]").GetAttributeAsync("data-endpoint"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "screening-import-round-picked.png") });
    }
}

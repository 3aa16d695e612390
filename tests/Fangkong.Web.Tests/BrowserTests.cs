using Fangkong.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests;

public sealed class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_commander_logs_in_sees_the_district_map_drawn_and_switches_language()
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, "commander");

        Assert.EndsWith("/", page.Url);
        Assert.Contains("上海市", await page.InnerTextAsync("h1"));
        // The map is drawn when ECharts has rendered its canvas and the overview script marked the measure.
        await page.WaitForSelectorAsync("[data-testid=overview-chart][data-rendered=incidence7dPer100k] canvas");
        var canvas = await page.QuerySelectorAsync("[data-testid=overview-chart] canvas");
        var box = await canvas!.BoundingBoxAsync();
        Assert.True(box!.Width > 400 && box.Height > 300, $"map canvas is {box.Width}x{box.Height}");
        // Painted, not blank: sample the canvas for non-transparent pixels.
        var painted = await page.EvalOnSelectorAsync<int>("[data-testid=overview-chart] canvas", """
            c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                   for (let i = 3; i < d.length; i += 4 * 97) if (d[i] > 0) n++; return n; }
            """);
        Assert.True(painted > 100, $"only {painted} sampled pixels painted");
        Assert.Equal(16, await page.Locator("#children tbody tr").CountAsync());
        await BrowserFixture.Screenshot(page, "overview-zh-Hans");

        await page.ClickAsync("a[data-lang=en]");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Overview", await page.InnerTextAsync("nav"));
        await page.WaitForSelectorAsync("[data-testid=overview-chart][data-rendered] canvas");
        await BrowserFixture.Screenshot(page, "overview-en");

        await page.ClickAsync("a[data-lang=zh-Hant]");
        await page.WaitForSelectorAsync("html[lang=zh-Hant]");
        Assert.Contains("態勢總覽", await page.InnerTextAsync("nav"));
    }

    [Fact]
    public async Task Drilling_down_from_the_city_reaches_a_street_and_a_committee()
    {
        var page = await browser.NewPage(1366, 768);
        await browser.LogIn(page, "commander");
        await page.GotoAsync(browser.BaseUrl + "/Overview/310104");
        await page.WaitForSelectorAsync("[data-testid=overview-chart][data-rendered] canvas");
        Assert.Contains("徐汇区", await page.InnerTextAsync("h1"));
        await BrowserFixture.Screenshot(page, "district-310104-laptop");
        await page.ClickAsync("#children tbody tr:first-child a");
        await page.WaitForURLAsync(url => url.Contains("/Overview/310104", StringComparison.Ordinal) && url.Length > browser.BaseUrl.Length + 16);
        Assert.True(await page.Locator("#children tbody tr").CountAsync() > 0);
    }

    [Fact]
    public async Task The_facility_list_filters_by_kind_and_shows_only_the_users_district()
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, "xuhui");
        await page.GotoAsync(browser.BaseUrl + "/Facilities?kind=Pharmacy");
        var rows = page.Locator("[data-testid=facility-table] tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        foreach (var code in await page.Locator("[data-testid=facility-table] tbody tr td:nth-child(4)").AllInnerTextsAsync())
            Assert.StartsWith("310104", code);
        await BrowserFixture.Screenshot(page, "facilities-xuhui");
    }

    [Fact]
    public async Task A_wrong_password_shows_one_message_that_does_not_say_whether_the_user_exists()
    {
        var page = await browser.NewPage();
        await page.GotoAsync(browser.BaseUrl + "/Account/Login");
        await page.FillAsync("input[name=userName]", "nobody-here");
        await page.FillAsync("input[name=password]", "whatever-123");
        await page.ClickAsync("button[type=submit]");
        var unknown = await page.InnerTextAsync(".alert.error");
        await page.FillAsync("input[name=userName]", "commander");
        await page.FillAsync("input[name=password]", "whatever-123");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal(unknown, await page.InnerTextAsync(".alert.error"));
        await BrowserFixture.Screenshot(page, "login-refused");
    }

    [Fact]
    public async Task The_surveillance_page_shows_the_curve_R_with_its_band_two_scenarios_and_an_ICU_warning()
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, "commander");
        await page.GotoAsync(browser.BaseUrl + "/Surveillance/310115");
        await page.WaitForSelectorAsync("[data-testid=curve-chart][data-rendered] canvas");
        await page.WaitForSelectorAsync("[data-testid=rt-chart][data-rendered] canvas");
        await page.WaitForSelectorAsync("[data-testid=scenario-chart][data-rendered] canvas");
        await page.WaitForSelectorAsync("#warnings-panel[data-loaded=true]");
        await page.WaitForSelectorAsync("#demand-panel[data-loaded=true]");
        Assert.True(await page.Locator("[data-testid=demand-table] tbody tr").CountAsync() >= 12);
        Assert.Contains("ICU", string.Join(" ", await page.Locator("[data-testid=warning]").AllInnerTextsAsync()));
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("[data-testid=scenario-summary]")));
        await BrowserFixture.Screenshot(page, "surveillance-310115");

        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForSelectorAsync("#overview-warnings[data-loaded=true]");
        Assert.True(await page.Locator("#overview-warnings [data-testid=warning]").CountAsync() > 0);
        await BrowserFixture.Screenshot(page, "overview-with-warnings");
    }

    [Fact]
    public async Task The_overview_refreshes_itself_when_a_facility_in_scope_changes()
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, "commander");
        await page.WaitForSelectorAsync("[data-testid=overview-chart][data-rendered] canvas");
        var before = await page.InnerTextAsync("[data-kpi=facilities]");
        await page.WaitForTimeoutAsync(1000); // the hub connection starts after the page scripts

        var api = await browser.Api("commander");
        var committee = await TestPeople.FirstCommittee(api, "310104");
        var created = await api.PostAsync("/api/facilities", System.Net.Http.Json.JsonContent.Create(TestPeople.Facility(committee, "推送测试药房")), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        // The hub pushes facilityChanged to the city group; the page reloads with the new count.
        await page.WaitForFunctionAsync("b => document.querySelector('[data-kpi=facilities]').innerText !== b", before,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
    }

    [Fact]
    public async Task An_epidemiologist_enters_a_daily_report_and_imports_a_file_in_the_browser()
    {
        var page = await browser.NewPage(1366, 768);
        await browser.LogIn(page, "epi");
        var api = await browser.Api("commander");
        var committee = await TestPeople.FirstCommittee(api, "310104");

        await page.GotoAsync(browser.BaseUrl + "/Surveillance/Report?division=" + committee);
        await page.FillAsync("input[name=Date]", "2022-10-01");
        await page.FillAsync("input[name='Input.Mild']", "3");
        await page.FillAsync("input[name='Input.Imported']", "9");
        await page.ClickAsync("form.panel button[type=submit]");
        Assert.Contains("imported", await page.InnerTextAsync("form.panel"));
        await page.FillAsync("input[name='Input.Imported']", "1");
        await page.ClickAsync("form.panel button[type=submit]");
        Assert.Contains(committee, await page.InnerTextAsync(".alert.ok"));
        await BrowserFixture.Screenshot(page, "report-entry");

        await page.GotoAsync(browser.BaseUrl + "/Surveillance/Import");
        var csv = $"date,divisionCode,asymptomatic,mild,moderate,severe,critical,imported,recovered,died\n2022-10-02,{committee},2,1,0,0,0,0,0,0\n2022-10-03,{committee},x,0,0,0,0,0,0,0\n";
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "reports.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#import-form button[type=submit]");
        await page.WaitForSelectorAsync("#import-report table");
        Assert.Contains("3", await page.InnerTextAsync("#import-report table tbody"));
        await BrowserFixture.Screenshot(page, "report-import-refused");
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests.Community;

// The issue's demonstration: a committee roster with bad rows is imported (reported; the good rows
// kept), a monitored elder's low oxygen check-in raises an alert, the green channel sends it, and
// the transport request is on the dispatcher's board.
public sealed class CommunityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_roster_elder_with_low_oxygen_goes_through_the_green_channel_to_the_dispatcher()
    {
        var api = await browser.Api("xuhui");
        var committee = await TestPeople.FirstCommittee(api, "310104");
        var elder = TestPeople.IdNumber("310104", new DateOnly(1939, 3, 14), false);
        var csv = string.Join("\r\n",
            "姓名,身份证号,电话,居住地区划代码,慢性病,孕妇,残疾,独居,疫苗剂次,末次接种日期,家庭医生,社区工作者",
            $"周奶奶,{elder},13800000031,{committee},慢阻肺；高血压,否,否,是,1,2022-03-01,陈医生,刘社工",
            $"吴爷爷,12345,13800000032,{committee},高血压,否,否,否,3,,,",
            $"郑爷爷,{TestPeople.IdNumber("310104", new DateOnly(1941, 5, 2), true)},13800000033,{committee},风湿,否,否,否,2,,,");

        var page = await browser.NewPage();
        await browser.LogIn(page, "xuhui");
        await page.GotoAsync(browser.BaseUrl + "/Community/KeyPopulations/Import");
        await page.SelectOptionAsync("select[name=mode]", "valid");
        await page.SetInputFilesAsync("input[name=file]", new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=roster-submit]");
        await page.WaitForSelectorAsync("[data-testid=roster-report] table");
        var report = await page.InnerTextAsync("[data-testid=roster-report]");
        Assert.Contains("3", report);
        Assert.Contains("4", report);
        await BrowserFixture.Screenshot(page, "community-roster-import");

        var listed = await api.GetFromJsonAsync<JsonElement>($"/api/community/key-populations?division={committee}&minAge=80", Ct);
        var resident = listed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("familyDoctor").GetString() == "陈医生");
        await page.GotoAsync(browser.BaseUrl + $"/Community/KeyPopulations/Resident/{resident.GetProperty("id").GetGuid()}");
        await page.SelectOptionAsync("select[name='Form.Method']", "visit");
        await page.FillAsync("[data-testid=spo2]", "88");
        await page.ClickAsync("[data-testid=check-in-submit]");
        await page.WaitForSelectorAsync("[data-testid=escalated]");

        await page.GotoAsync(browser.BaseUrl + "/Community/GreenChannel");
        var row = page.Locator($"[data-testid=alerts] tr[data-alert]").Filter(new() { HasText = "血氧 88%" });
        await row.Locator("[data-testid=send]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=green-sent]");
        await BrowserFixture.Screenshot(page, "community-green-channel");

        var dispatcher = await browser.NewPage();
        await browser.LogIn(dispatcher, "dispatcher");
        await dispatcher.GotoAsync(browser.BaseUrl + "/Transport");
        Assert.Contains("绿色通道", await dispatcher.InnerTextAsync("[data-testid=board]"));
        await BrowserFixture.Screenshot(dispatcher, "community-transport-board");
    }
}

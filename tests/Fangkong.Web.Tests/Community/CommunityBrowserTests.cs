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

    [Fact]
    public async Task A_resident_asks_for_medicine_from_the_compound_QR_page_and_confirms_the_delivery()
    {
        var api = await browser.Api("xuhui");
        var committee = await TestPeople.FirstCommittee(api, "310104");
        // The worker issues the compound's code and gets it as a QR image to print.
        var worker = await browser.NewPage();
        await browser.LogIn(worker, "xuhui");
        await worker.GotoAsync(browser.BaseUrl + "/Community/QrCodes");
        await worker.FillAsync("input[name=DivisionCode]", committee);
        await worker.FillAsync("input[name=Label]", "3 号楼");
        await worker.ClickAsync("[data-testid=issue-qr]");
        await worker.WaitForSelectorAsync("[data-testid=issued-qr] svg");
        await BrowserFixture.Screenshot(worker, "community-qr-issued");
        var url = (await worker.InnerTextAsync("[data-testid=issued] code")).Trim();

        // The resident: no account, a phone-sized screen.
        var resident = await browser.NewPage(390, 844);
        await resident.GotoAsync(url.StartsWith("http", StringComparison.Ordinal) ? url : browser.BaseUrl + url);
        await resident.SelectOptionAsync("select[name='Form.Kind']", "Medicine");
        await resident.CheckAsync("input[name='Form.Urgent']");
        await resident.FillAsync("textarea[name='Form.Description']", "家中老人发热，需要布洛芬");
        await resident.FillAsync("input[name='Form.Building']", "3 号楼");
        await resident.FillAsync("input[name='Form.Room']", "502");
        await resident.FillAsync("input[name='Form.Phone']", "13812345678");
        await resident.ClickAsync("[data-testid=submit]");
        var receipt = (await resident.InnerTextAsync("[data-testid=receipt]")).Trim();
        await BrowserFixture.Screenshot(resident, "community-resident-request");

        await worker.GotoAsync(browser.BaseUrl + "/Community/Requests");
        var row = worker.Locator($"tr[data-receipt='{receipt}']");
        Assert.Contains("138****5678", await row.InnerTextAsync());
        await row.Locator("input[name=AssignedTo]").FillAsync("志愿者小李");
        await row.Locator("[data-testid=assign]").ClickAsync();
        await worker.WaitForSelectorAsync("[data-testid=done]");
        await worker.Locator($"tr[data-receipt='{receipt}'] [data-testid=deliver]").ClickAsync();
        await worker.WaitForSelectorAsync("[data-testid=done]");

        await resident.ClickAsync("[data-testid=status-link]");
        await resident.ClickAsync("[data-testid=confirm]");
        await resident.WaitForSelectorAsync("[data-testid=confirmed]");
        await BrowserFixture.Screenshot(resident, "community-resident-confirmed");

        // Medicine sharing in the same committee: an offer meets an urgent ask.
        Assert.True((await api.PostAsJsonAsync("/api/community/sharing/offers",
            new { divisionCode = committee, productCode = "IBU-300", quantity = 2, expiry = browser.App.Clock.Day(400), donor = "5 号楼" }, Ct)).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync("/api/community/sharing/asks",
            new { divisionCode = committee, productCode = "IBU-300", quantity = 1, urgent = true, keyPopulation = true, requester = "3 号楼 502" }, Ct)).IsSuccessStatusCode);
        await worker.GotoAsync(browser.BaseUrl + "/Community/Sharing");
        await worker.ClickAsync("[data-testid=match]");
        await worker.WaitForSelectorAsync("[data-testid=matches]");
        Assert.DoesNotContain("本次配对 0 条", await worker.InnerTextAsync("[data-testid=matches]"));
        await BrowserFixture.Screenshot(worker, "community-sharing");
    }

    [Fact]
    public async Task A_worker_orders_for_a_sealed_compound_the_supplier_confirms_and_schedules_and_the_hand_over_completes_it()
    {
        var api = await browser.Api("xuhui");
        var committee = await TestPeople.FirstCommittee(api, "310104");
        var label = $"浏览器小区{Random.Shared.Next(1000, 9999)}";
        var code = await api.PostAsJsonAsync("/api/community/qrcodes", new { divisionCode = committee, label }, Ct);
        var compoundId = (await code.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // The demo supplier (the `enterprise` account's company) and its packages come from the demo seeding.
        var supplier = (await api.GetFromJsonAsync<JsonElement[]>("/api/community/group-orders/suppliers", Ct))!.First(s => s.GetProperty("packages").GetInt32() >= 4);
        var supplierId = supplier.GetProperty("id").GetGuid();
        var packages = (await api.GetFromJsonAsync<JsonElement[]>($"/api/community/group-orders/packages?supplierId={supplierId}", Ct))!;
        string PackageOf(string name) => packages.First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;

        var worker = await browser.NewPage();
        await browser.LogIn(worker, "xuhui");
        await worker.GotoAsync(browser.BaseUrl + "/Community/GroupOrders");
        await worker.Locator($"tr[data-compound='{label}'] [data-testid=seal]").ClickAsync();
        await worker.WaitForSelectorAsync($"tr[data-compound='{label}'] [data-testid=lift]");
        await BrowserFixture.Screenshot(worker, "group-orders-index");
        await worker.SelectOptionAsync("[data-testid=open-order] select[name=CompoundId]", compoundId.ToString());
        await worker.SelectOptionAsync("[data-testid=open-order] select[name=SupplierId]", supplierId.ToString());
        await worker.FillAsync("[data-testid=open-order] input[name=Organizer]", "3号楼 团长 李阿姨");
        await worker.ClickAsync("[data-testid=open-order] button[type=submit]");
        await worker.WaitForSelectorAsync("[data-testid=add-line]");
        var orderUrl = worker.Url;

        foreach (var (room, package, quantity) in new[] { ("201", "蔬菜包", "2"), ("202", "米面油包", "1"), ("202", "蔬菜包", "1") })
        {
            await worker.FillAsync("[data-testid=add-line] input[name=Building]", "3号楼");
            await worker.FillAsync("[data-testid=add-line] input[name=Room]", room);
            await worker.SelectOptionAsync("[data-testid=add-line] select[name=PackageId]", PackageOf(package));
            await worker.FillAsync("[data-testid=add-line] input[name=Quantity]", quantity);
            await worker.ClickAsync("[data-testid=add-line] button[type=submit]");
            await worker.WaitForSelectorAsync($"[data-testid=lines] tr[data-line='3号楼 {room}']");
        }
        Assert.Equal("0 / 4", (await worker.InnerTextAsync("[data-testid=delivered]")).Trim());
        // The seeded 蔬菜包 sells at 39.90 for 21.00 of vegetables: flagged on the order.
        await worker.WaitForSelectorAsync("[data-testid=price-flag]");
        await BrowserFixture.Screenshot(worker, "group-order-collecting");
        await worker.ClickAsync("[data-testid=submit]");
        await worker.WaitForSelectorAsync("[data-testid=status]:has-text('待供应商确认')");

        var enterprise = await browser.NewPage();
        await browser.LogIn(enterprise, "enterprise");
        await enterprise.GotoAsync(orderUrl);
        await enterprise.ClickAsync("[data-testid=confirm]");
        await enterprise.WaitForSelectorAsync("[data-testid=status]:has-text('已确认')");
        await enterprise.GotoAsync(browser.BaseUrl + "/Community/GroupOrders/Schedule");
        await enterprise.ClickAsync("[data-testid=run-schedule]");
        await enterprise.WaitForSelectorAsync("[data-testid=scheduled]");
        await BrowserFixture.Screenshot(enterprise, "group-order-schedule");

        await worker.GotoAsync(orderUrl);
        Assert.Contains("封控", await worker.InnerTextAsync("[data-testid=schedule-reason]"));
        await worker.FillAsync("[data-testid=building-form] input[name=DeliveredBy]", "志愿者 王师傅");
        await worker.ClickAsync("[data-testid=hand-over-building]");
        await worker.WaitForSelectorAsync("[data-testid=distributions]");
        Assert.Equal("4 / 4", (await worker.InnerTextAsync("[data-testid=delivered]")).Trim());
        Assert.Contains("已完成", await worker.InnerTextAsync("[data-testid=status]"));
        await BrowserFixture.Screenshot(worker, "group-order-completed");
    }
}

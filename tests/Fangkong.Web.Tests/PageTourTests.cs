using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests;

// Every page the supplies, treatment, transport, community and tickets modules added, opened by the
// account that uses it on the demo city: it answers 200, shows no error, and leaves a screenshot
// (tour-*.png) to look at.
public sealed class PageTourTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> Pages() => new()
    {
        { "supplies", "/Supplies/Catalogue" },
        { "supplies", "/Supplies/Stock" },
        { "supplies", "/Supplies/StockReportImport" },
        { "supplies", "/Supplies/Plans" },
        { "supplies", "/Supplies/Orders" },
        { "supplies", "/PriceWatch" },
        { "pharmacy", "/Supplies/Stock" },
        { "pharmacy", "/PriceWatch/Sales" },
        { "medical", "/Treatment" },
        { "medical", "/Treatment/Turnover" },
        { "medical", "/Treatment/Import" },
        { "medical", "/Treatment/Placement" },
        { "bedmanager", "/Treatment" },
        { "dispatcher", "/Transport" },
        { "xuhui", "/Community/KeyPopulations" },
        { "xuhui", "/Community/GreenChannel" },
        { "xuhui", "/Community/Requests" },
        { "xuhui", "/Community/QrCodes" },
        { "xuhui", "/Community/Sharing" },
        { "xuhui", "/Community/GroupOrders" },
        { "xuhui", "/Community/GroupOrders/Schedule" },
        { "xuhui", "/Community/GroupOrders/Packages" },
        { "enterprise", "/Community/GroupOrders" },
        { "enterprise", "/Community/GroupOrders/Schedule" },
        { "enterprise", "/Community/GroupOrders/Packages" },
        { "xuhui", "/Tickets" },
        { "commander", "/Tickets/Analysis" },
        { "commander", "/Surveillance/3101" },
        { "epi", "/Investigation" },
        { "epi", "/Investigation/FollowUps" },
        { "epi", "/Investigation/FourCategories" },
        { "epi", "/Investigation/Chains" },
        { "epi", "/RiskAreas" },
        { "commander", "/RiskAreas" },
        { "xuhui", "/Investigation/FollowUps" },
        { "xuhui", "/HealthStatus" },
        { "secadmin", "/HealthStatus/Keys" },
        { "epi", "/Screening" },
        { "epi", "/Screening/Round/1" },
        { "epi", "/Screening/Points" },
        { "epi", "/Screening/Import" },
        { "xuhui", "/Screening/Round/1" },
        { "lab", "/Screening/Results" },
        { "sysadmin", "/Accounts/Users" },
        { "secadmin", "/Accounts/Users" },
        { "auditor", "/BreakGlass" },
        { "epi", "/Accounts/ChangePassword" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_opens_for_its_user_without_errors(string user, string path)
    {
        var page = await browser.NewPage();
        await browser.LogIn(page, user);
        var response = await page.GotoAsync(browser.BaseUrl + path);
        Assert.Equal(200, response!.Status);
        Assert.Equal(0, await page.Locator(".alert.error").CountAsync());
        Assert.DoesNotContain("role.", await page.InnerTextAsync("header"));
        await BrowserFixture.Screenshot(page, $"tour-{user}-{path.Trim('/').Replace('/', '-')}");
    }

    [Fact]
    public async Task A_patient_page_and_a_facility_bed_board_open_with_masked_people()
    {
        var api = await browser.Api("medical");
        var patients = await api.GetFromJsonAsync<JsonElement>("/api/treatment/patients?status=Admitted&pageSize=1", TestContext.Current.CancellationToken);
        var patient = patients.GetProperty("items")[0];
        var page = await browser.NewPage();
        await browser.LogIn(page, "medical");
        var response = await page.GotoAsync(browser.BaseUrl + $"/Treatment/Patient/{patient.GetProperty("id").GetGuid()}");
        Assert.Equal(200, response!.Status);
        Assert.Contains("*", await page.InnerTextAsync("h1"));
        await BrowserFixture.Screenshot(page, "tour-medical-patient");
        response = await page.GotoAsync(browser.BaseUrl + $"/Treatment/Facility/{patient.GetProperty("facilityId").GetGuid()}");
        Assert.Equal(200, response!.Status);
        await BrowserFixture.Screenshot(page, "tour-medical-facility");
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Localization;
using Fangkong.Web.Tests.Infrastructure;

namespace Fangkong.Web.Tests.Investigation;

// The issue's demonstration in the browser: a case is opened and investigated, a close contact is
// added and quarantined, the follow-up team records the contact's positive test, the chain graph shows
// two generations, and the contact's committee is a sealed zone on today's risk map and public list.
public sealed class InvestigationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> Committee(HttpClient api, string district, int pick)
    {
        var streets = (await api.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{district}/children", Ct))!;
        var committees = (await api.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{streets[pick % streets.Length].GetProperty("code").GetString()}/children", Ct))!;
        return committees[pick % committees.Length].GetProperty("code").GetString()!;
    }

    private string LocalInput(TimeSpan ago) => ChinaTime.FromUtc(browser.App.Clock.GetUtcNow().UtcDateTime - ago).ToString("yyyy-MM-ddTHH:mm");

    [Fact]
    public async Task A_case_its_contact_turning_positive_the_chain_of_two_generations_and_a_sealed_committee()
    {
        var api = await browser.Api("epi");
        var home = await Committee(api, "310104", 3);
        // A committee no demo case lives in, so the contact's case is what seals it.
        string contactHome;
        var pick = 7;
        do contactHome = await Committee(api, "310104", pick++);
        while ((await api.GetFromJsonAsync<JsonElement[]>($"/api/risk-areas?division={contactHome}", Ct))!
               .Any(a => a.GetProperty("level").GetString() != "Precaution"));

        var page = await browser.NewPage();
        await browser.LogIn(page, "epi");
        await page.GotoAsync(browser.BaseUrl + "/Investigation");
        await page.FillAsync("input[name='Form.Name']", "钱七");
        await page.FillAsync("input[name='Form.IdNumber']", TestPeople.UniqueIdNumber("310104"));
        await page.FillAsync("input[name='Form.DivisionCode']", home);
        await page.SelectOptionAsync("select[name='Form.Category']", "Confirmed");
        await page.SelectOptionAsync("select[name='Form.Severity']", "Mild");
        await page.FillAsync("input[name='Form.DetectedAt']", LocalInput(TimeSpan.FromHours(3)));
        await page.ClickAsync("[data-testid=case-open]");
        await page.WaitForSelectorAsync("[data-testid=case-number]");
        var indexNumber = (await page.InnerTextAsync("[data-testid=case-number]")).Split(' ')[0];
        Assert.StartsWith("LD-310104-", indexNumber);

        await page.SelectOptionAsync("select[name='Exposure.Kind']", "Visit");
        await page.FillAsync("input[name='Exposure.Place']", "徐家汇某商场");
        await page.FillAsync("input[name='Exposure.From']", LocalInput(TimeSpan.FromDays(2)));
        await page.FillAsync("input[name='Exposure.To']", LocalInput(TimeSpan.FromDays(2) - TimeSpan.FromHours(1)));
        await page.ClickAsync("[data-testid=exposure-add]");
        await page.WaitForSelectorAsync("[data-testid=exposures]");

        await page.FillAsync("input[name='NewContact.Name']", "孙八");
        await page.FillAsync("input[name='NewContact.IdNumber']", TestPeople.UniqueIdNumber("310104"));
        await page.FillAsync("input[name='NewContact.DivisionCode']", contactHome);
        await page.FillAsync("input[name='NewContact.Exposure']", "同一办公室，未戴口罩");
        await page.FillAsync("input[name='NewContact.LastExposureAt']", LocalInput(TimeSpan.FromDays(1)));
        await page.SelectOptionAsync("select[name='NewContact.Quarantine']", "Home");
        await page.ClickAsync("[data-testid=contact-add]");
        await page.WaitForSelectorAsync("[data-testid=contacts] tr[data-contact]");
        Assert.Contains("隔离中", await page.InnerTextAsync("[data-testid=contacts]"));
        await BrowserFixture.Screenshot(page, "investigation-case");

        // The follow-up team records today's test: positive.
        await page.GotoAsync(browser.BaseUrl + $"/Investigation/FollowUps?division={contactHome}");
        var row = page.Locator("[data-testid=followups] tr[data-followup]").First;
        await row.Locator("input[name=Symptoms]").CheckAsync();
        await row.Locator("input[name=Temperature]").FillAsync("38.2");
        await row.Locator("select[name=Test]").SelectOptionAsync("Positive");
        await row.Locator("[data-testid=followup-record]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=followup-done]");

        // The index case now has an infectee; its chain graph shows two generations.
        var cases = await api.GetFromJsonAsync<JsonElement>($"/api/investigation/cases?number={indexNumber}", Ct);
        var indexId = cases.GetProperty("items")[0].GetProperty("id").GetGuid();
        await page.GotoAsync(browser.BaseUrl + $"/Investigation/Case/{indexId}");
        await page.WaitForSelectorAsync("[data-testid=infectees] a");
        await page.ClickAsync("[data-testid=case-chain]");
        await page.WaitForSelectorAsync("[data-testid=chain-graph][data-ready=true]");
        Assert.Equal("2", (await page.InnerTextAsync("[data-testid=chain-generations]")).Trim());
        Assert.Equal("2", (await page.InnerTextAsync("[data-testid=chain-cases]")).Trim());
        await BrowserFixture.Screenshot(page, "investigation-chain");

        // The contact's committee is sealed today: on the risk page of its district and on the public list.
        await page.GotoAsync(browser.BaseUrl + "/RiskAreas?division=310104");
        await page.WaitForSelectorAsync($"[data-testid=risk-raised] tr[data-area='{contactHome}']");
        Assert.Contains("封控区", await page.InnerTextAsync($"[data-testid=risk-raised] tr[data-area='{contactHome}']"));
        await page.WaitForSelectorAsync("[data-testid=risk-map][data-ready=true]");
        await BrowserFixture.Screenshot(page, "investigation-risk-areas");
        var anonymous = await browser.Browser!.NewPageAsync();
        await anonymous.GotoAsync(browser.BaseUrl + "/RiskAreas/Public");
        Assert.Contains(contactHome, await anonymous.InnerHTMLAsync("[data-testid=risk-public-list] >> nth=0").ContinueWith(_ => anonymous.ContentAsync()).Unwrap());
    }
}

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
        Assert.Equal(1, await anonymous.Locator($"[data-testid=risk-public-list] tr[data-area='{contactHome}']").CountAsync());

        // A second close contact, quarantined at home: red while in quarantine. Eight days on, with
        // every scheduled test negative, a code issued now verifies — and stops verifying once the
        // quarantine is released and the colour changes.
        var secondId = TestPeople.UniqueIdNumber("310104");
        var added = await api.PostAsJsonAsync($"/api/investigation/cases/{indexId}/contacts", new
        {
            name = "周九", idNumber = secondId, divisionCode = home, kind = "Close", exposure = "同住家庭成员",
            lastExposureAt = browser.App.Clock.GetUtcNow().UtcDateTime.AddHours(-20), quarantine = "Home",
        }, Ct);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(Ct));
        var second = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        browser.App.Clock.Advance(TimeSpan.FromDays(8));
        api = await browser.Api("epi");
        var due = (await api.GetFromJsonAsync<JsonElement[]>($"/api/investigation/follow-ups?division={home}&take=500", Ct))!
            .Where(f => f.GetProperty("contactId").GetGuid() == second.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(7, due.Count);
        foreach (var f in due)
        {
            var recorded = await api.PostAsJsonAsync($"/api/investigation/follow-ups/{f.GetProperty("id").GetGuid()}",
                new { symptoms = false, temperature = 36.5, test = f.GetProperty("testDue").GetBoolean() ? "Negative" : null }, Ct);
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync(Ct));
        }
        // From the contact's row on the case page to the person's health status.
        page = await browser.NewPage();
        await browser.LogIn(page, "epi");
        await page.GotoAsync(browser.BaseUrl + $"/Investigation/Case/{indexId}");
        await page.Locator($"[data-testid=contacts] tr[data-contact='{second.GetProperty("id").GetGuid()}'] [data-testid=contact-health]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=colour]");
        Assert.Contains("密切接触者", await page.InnerTextAsync("[data-testid=reasons]"));
        Assert.Equal("Red", await page.GetAttributeAsync("[data-testid=colour]", "data-colour"));
        await page.ClickAsync("[data-testid=issue]");
        var token = (await page.InputValueAsync("[data-testid=token]")).Trim();
        Assert.StartsWith("FK1.", token);

        var checkpoint = await browser.Browser!.NewPageAsync();
        await checkpoint.Clock.SetFixedTimeAsync(browser.App.Clock.GetUtcNow().AddMinutes(5).UtcDateTime);
        await checkpoint.GotoAsync(browser.BaseUrl + "/HealthStatus/Verify");
        async Task<string?> Verify()
        {
            await checkpoint.ClickAsync("[data-testid=sync]");
            await Microsoft.Playwright.Assertions.Expect(checkpoint.Locator("[data-testid=sync-state]")).ToContainTextAsync("上海市");
            await checkpoint.FillAsync("[data-testid=token]", token);
            await checkpoint.ClickAsync("[data-testid=check]");
            await checkpoint.WaitForSelectorAsync("[data-testid=result] .hc-swatch");
            return await checkpoint.GetAttributeAsync("[data-testid=result] .hc-swatch", "data-outcome");
        }
        Assert.Equal("Valid", await Verify());
        await BrowserFixture.Screenshot(checkpoint, "investigation-code-valid");

        await page.GotoAsync(browser.BaseUrl + $"/Investigation/Case/{indexId}");
        await page.Locator($"[data-testid=contacts] tr[data-contact='{second.GetProperty("id").GetGuid()}'] button:has-text('解除隔离')").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=case-done]");
        Assert.Equal("Revoked", await Verify());
        await BrowserFixture.Screenshot(checkpoint, "investigation-code-revoked");
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests.Treatment;

// The issue's demonstration on the demo city: a day's positives are imported, placed by the
// engine and approved (beds reserved, transport requested), the dispatcher sends the recommended
// ambulance, the hospital admits, and days later discharges after two negative tests; the bed
// board and the turnover figures follow.
public sealed class PatientFlowBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Positives_are_imported_placed_transported_admitted_and_discharged()
    {
        var api = await browser.Api("medical");
        var committee = await EmptyCommittee(api);
        var critical = TestPeople.UniqueIdNumber(committee[..6]);
        var csv = string.Join("\r\n",
            "姓名,身份证号,电话,居住地区划代码,病情,慢性病,孕妇,检出时间",
            $"王重,{critical},13900000001,{committee},危重型,是,否,",
            $"李轻,{Young(committee)},13900000002,{committee},轻型,否,否,",
            $"赵轻,{Young(committee)},13900000003,{committee},轻型,否,否,");

        var page = await browser.NewPage();
        await browser.LogIn(page, "medical");
        await page.GotoAsync(browser.BaseUrl + "/Treatment/Import");
        await page.SetInputFilesAsync("input[name=file]", new FilePayload { Name = "positives.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=positives-submit]");
        await page.WaitForSelectorAsync("[data-testid=positives-report] .alert");
        Assert.Contains("3", await page.InnerTextAsync("[data-testid=positives-report] .alert"));
        await BrowserFixture.Screenshot(page, "treatment-import");

        await page.GotoAsync(browser.BaseUrl + "/Treatment/Placement");
        await page.FillAsync("input[name=Scope]", committee);
        await page.ClickAsync("[data-testid=run-placement-submit]");
        await page.WaitForURLAsync(url => url.Contains("/Treatment/Placement/", StringComparison.Ordinal));
        Assert.Equal("3", (await page.InnerTextAsync("[data-testid=placement-placed]")).Trim());
        await BrowserFixture.Screenshot(page, "treatment-placement");
        await page.ClickAsync("[data-testid=approve-placement]");
        await page.WaitForSelectorAsync("[data-testid=placement-approved]");

        var patients = await Patients(api, committee);
        Assert.All(patients, p => Assert.Equal("Reserved", p.GetProperty("status").ToString()));
        var severe = patients.Single(p => p.GetProperty("severity").ToString() == "Critical");
        var hospital = severe.GetProperty("facilityId").GetGuid();
        var patientId = severe.GetProperty("id").GetGuid();

        // The dispatcher: the critical patient's request is on the board with a recommended ambulance.
        var dispatcher = await browser.NewPage();
        await browser.LogIn(dispatcher, "dispatcher");
        await dispatcher.GotoAsync(browser.BaseUrl + "/Transport");
        var requests = await (await browser.Api("dispatcher")).GetFromJsonAsync<JsonElement[]>("/api/transport/requests?status=Open", Ct);
        var request = requests!.Single(r => r.GetProperty("patientIds").EnumerateArray().Any(id => id.GetGuid() == patientId));
        Assert.Contains(requests!, r => r.GetProperty("passengers").GetInt32() == 2);
        var row = dispatcher.Locator($"tr[data-request='{request.GetProperty("id").GetGuid()}']");
        await row.Locator("[data-testid=confirm]").ClickAsync();
        await dispatcher.WaitForSelectorAsync("[data-testid=dispatch-done]");
        await BrowserFixture.Screenshot(dispatcher, "transport-dispatched");
        // The crew reports each step; after hand-over the ambulance is disinfected before its next call.
        foreach (var step in new[] { "depart", "arrive", "load", "deliver" })
        {
            await dispatcher.Locator($"[data-testid=active] tr[data-request='{request.GetProperty("id").GetGuid()}'] [data-testid=step-{step}]").ClickAsync();
            await dispatcher.WaitForLoadStateAsync();
        }
        Assert.Equal("1", (await dispatcher.InnerTextAsync("[data-testid=fleet-Disinfecting] .value")).Trim());

        // The hospital admits the reserved patient; the board's occupied count rises by one.
        await page.GotoAsync(browser.BaseUrl + $"/Treatment/Facility/{hospital}");
        var occupied = Number(await page.InnerTextAsync("[data-testid=facility-occupied]"));
        await page.Locator($"tr[data-patient='{patientId}'] [data-testid=admit]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=ward-done]");
        Assert.Equal(occupied + 1, Number(await page.InnerTextAsync("[data-testid=facility-occupied]")));

        // Four days on, two negative tests 24 h apart: discharge is allowed and the bed is free again.
        browser.App.Clock.Advance(TimeSpan.FromDays(4));
        // Sessions and tokens expired over those days: sign in again, as a ward nurse would.
        api = await browser.Api("medical");
        await browser.LogIn(page, "medical");
        var details = await api.GetFromJsonAsync<JsonElement>($"/api/treatment/patients/{patientId}", Ct);
        var version = details.GetProperty("patient").GetProperty("version").GetInt32();
        foreach (var hoursAgo in new[] { 30, 2 })
        {
            var test = new HttpRequestMessage(HttpMethod.Post, $"/api/treatment/patients/{patientId}/tests")
            {
                Content = JsonContent.Create(new { takenAt = browser.App.Clock.GetUtcNow().UtcDateTime.AddHours(-hoursAgo), positive = false, ctValue = 38.0 }),
            };
            test.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            var recorded = await api.SendAsync(test, Ct);
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync(Ct));
            version = int.Parse(recorded.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
        }
        await page.GotoAsync(browser.BaseUrl + $"/Treatment/Facility/{hospital}");
        await page.Locator($"tr[data-patient='{patientId}'] [data-testid=discharge]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=ward-done]");
        Assert.Equal(occupied, Number(await page.InnerTextAsync("[data-testid=facility-occupied]")));
        await BrowserFixture.Screenshot(page, "treatment-bed-board");

        await page.GotoAsync(browser.BaseUrl + "/Treatment/Turnover");
        await page.WaitForSelectorAsync("[data-testid=turnover-chart]");
        Assert.True(Number(await page.InnerTextAsync("[data-testid=discharges]")) > 0);
        await BrowserFixture.Screenshot(page, "treatment-turnover");
    }

    // Under 65 and without other risks: mild patients for a shelter hospital, who ride a bus together.
    private static string Young(string committee) =>
        TestPeople.IdNumber(committee[..6], new DateOnly(1985 + Random.Shared.Next(15), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28)), Random.Shared.Next(2) == 0);

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    private static async Task<JsonElement[]> Patients(HttpClient api, string committee)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/treatment/patients?division={committee}&pageSize=50", Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<string> EmptyCommittee(HttpClient api)
    {
        var streets = (await api.GetFromJsonAsync<JsonElement[]>("/api/divisions/310104/children", Ct))!;
        foreach (var street in streets.OrderBy(_ => Random.Shared.Next()))
        {
            var committees = (await api.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street.GetProperty("code").GetString()}/children", Ct))!;
            foreach (var committee in committees.OrderBy(_ => Random.Shared.Next()))
            {
                var code = committee.GetProperty("code").GetString()!;
                if ((await Patients(api, code)).Length == 0) return code;
            }
        }
        throw new InvalidOperationException("no committee without patients");
    }
}

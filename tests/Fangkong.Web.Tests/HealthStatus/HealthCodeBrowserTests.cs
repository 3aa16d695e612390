using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fangkong.HealthCodes;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests.HealthStatus;

// The checkpoint page on a phone-sized screen: sync once online, then with the network cut it verifies
// a genuine code in the browser (WebCrypto) and rejects one whose colour was altered.
public sealed class HealthCodeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_checkpoint_page_verifies_offline_and_rejects_a_tampered_code()
    {
        browser.EnsureAvailable();
        var epi = await browser.Api("epi");
        var committee = await TestPeople.FirstCommittee(epi, "310104");
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber, "陈晓华"), Ct);
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        // The staff page shows the code as a QR image drawn from the local library.
        var staff = await browser.NewPage();
        await browser.LogIn(staff, "epi");
        await staff.GotoAsync(browser.BaseUrl + $"/HealthStatus?person={person}");
        await staff.ClickAsync("[data-testid=issue]");
        await staff.WaitForSelectorAsync("#hc-qr svg");
        var token = (await staff.InputValueAsync("[data-testid=token]")).Trim();
        // The colour the staff page derived (the demo city may give this street a reason, e.g. a missed screening round).
        var colour = (await staff.GetAttributeAsync("[data-testid=colour]", "data-colour"))!.ToLowerInvariant();
        Assert.StartsWith("FK1.", token);
        Assert.DoesNotContain(idNumber, await staff.ContentAsync());
        await BrowserFixture.Screenshot(staff, "healthcode-issued");

        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "zh-CN", IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        // The browser's clock is the platform's test clock, so the token's validity window is judged alike.
        await page.Clock.SetFixedTimeAsync(browser.App.Clock.GetUtcNow().AddMinutes(5).UtcDateTime);
        var external = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(browser.BaseUrl, StringComparison.Ordinal)) external.Add(r.Url); };
        await page.GotoAsync(browser.BaseUrl + "/HealthStatus/Verify");
        await page.ClickAsync("[data-testid=sync]");
        await Assertions.Expect(page.Locator("[data-testid=sync-state]")).ToContainTextAsync("上海市");
        // The service worker has the page and its scripts before the network goes.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise(r => setTimeout(() => r(false), 15000))])"),
            "the verifier's service worker did not become ready");

        await context.SetOfflineAsync(true);
        // Reopened with no network: the page comes from the service worker's cache, the keys from storage.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=sync-state]")).ToContainTextAsync("上海市");
        await page.FillAsync("[data-testid=token]", token);
        await page.FillAsync("[data-testid=presented-id]", idNumber);
        await page.ClickAsync("[data-testid=check]");
        var swatch = page.Locator("[data-testid=result] .hc-swatch");
        await Assertions.Expect(swatch).ToHaveAttributeAsync("data-outcome", "Valid");
        await Assertions.Expect(swatch).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("hc-" + colour));
        await Assertions.Expect(page.Locator("[data-testid=result]")).ToContainTextAsync("身份证一致");
        await BrowserFixture.Screenshot(page, "healthcode-verify-offline-valid");

        var parts = token.Split('.');
        Assert.True(Base64Url.TryDecode(parts[1], out var json));
        var node = JsonNode.Parse(json)!;
        node["c"] = "G";
        node["exp"] = node["exp"]!.GetValue<long>() + 7 * 86400;
        var tampered = $"{parts[0]}.{Base64Url.Encode(Encoding.UTF8.GetBytes(node.ToJsonString()))}.{parts[2]}";
        await page.FillAsync("[data-testid=token]", tampered);
        await page.ClickAsync("[data-testid=check]");
        await Assertions.Expect(swatch).ToHaveAttributeAsync("data-outcome", "BadSignature");
        await Assertions.Expect(swatch).ToContainTextAsync("签名无效");
        await BrowserFixture.Screenshot(page, "healthcode-verify-offline-tampered");

        // Nothing personal was kept in the browser: only keys and serials.
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, localStorage))");
        Assert.DoesNotContain(idNumber, stored);
        Assert.DoesNotContain(parts[1], stored);
        Assert.Empty(external);
        await context.CloseAsync();
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Fangkong.Web.Tests.Infrastructure;

// The real host on a loopback port (Kestrel, not the in-memory test server) and Debian's Chromium
// driven by Playwright. Screenshots land in bin/.../screenshots so a person can look at them.
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public SqliteFactory App { get; } = new();
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string? Unavailable { get; private set; }
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"{ChromiumPath} is missing (apt-get install -y chromium fonts-noto-cjk)";
            return;
        }
        await App.InitializeAsync();
        var port = FreePort();
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public void EnsureAvailable()
    {
        if (Unavailable is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"Browser tests must run under CI, but: {Unavailable}");
        Assert.Skip($"Browser not available: {Unavailable}");
    }

    public async Task<IPage> NewPage(int width = 1600, int height = 900)
    {
        EnsureAvailable();
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    public async Task LogIn(IPage page, string userName, string password = Fangkong.Web.Platform.Access.DemoAccounts.Password)
    {
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.FillAsync("input[name=userName]", userName);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    // An API client for the same running server (the factory's own clients point at the test server).
    public async Task<HttpClient> Api(string userName, string password = Fangkong.Web.Platform.Access.DemoAccounts.Password)
    {
        EnsureAvailable();
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<FangkongFactory.TokenResponse>(response.Content);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

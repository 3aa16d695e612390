using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests.HealthStatus;

// Stands in for the case, contact, screening and risk-area modules: tests say what a person's reasons are.
public sealed class TestContributor : IHealthStatusContributor
{
    private readonly ConcurrentDictionary<Guid, HealthStatusReason[]> reasons = new();

    public void Set(Guid personId, params HealthStatusReason[] given) => reasons[personId] = given;

    public Task<IReadOnlyList<HealthStatusReason>> ReasonsAsync(Guid personId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HealthStatusReason>>(reasons.TryGetValue(personId, out var r) ? r : []);
}

// The factory's host with the test contributor registered, one per factory (so per test class), sharing
// the factory's database and clock.
public sealed class HealthStatusHost
{
    private static readonly ConcurrentDictionary<FangkongFactory, HealthStatusHost> Hosts = new();

    private HealthStatusHost(FangkongFactory app)
    {
        App = app;
        Host = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton(Contributor);
            services.AddScoped<IHealthStatusContributor>(sp => sp.GetRequiredService<TestContributor>());
        }));
    }

    public FangkongFactory App { get; }
    public TestContributor Contributor { get; } = new();
    public WebApplicationFactory<Program> Host { get; }

    public static HealthStatusHost For(FangkongFactory app)
    {
        app.EnsureAvailable();
        return Hosts.GetOrAdd(app, a => new HealthStatusHost(a));
    }

    public HttpClient Anonymous() => Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpClient> SignedIn(string userName, string password = DemoAccounts.Password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"login of {userName} failed: {(int)response.StatusCode}");
        var token = await response.Content.ReadFromJsonAsync<FangkongFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    // A person registered by the epidemiologist in 徐汇区 (310104).
    public async Task<(Guid Id, string IdNumber)> NewPersonInXuhui(string name = "王小明")
    {
        var epi = await SignedIn("epi");
        var committee = await QuietCommittee(epi);
        var idNumber = TestPeople.UniqueIdNumber("310104");
        var created = await epi.PostAsJsonAsync("/api/people", TestPeople.Person(committee, idNumber, name));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), idNumber);
    }

    // A Xuhui committee where the demo city gives residents no reason of its own: outside the demo
    // screening round's street (the first) and not at a raised risk level.
    private static async Task<string> QuietCommittee(HttpClient epi)
    {
        var streets = (await epi.GetFromJsonAsync<JsonElement[]>("/api/divisions/310104/children"))!;
        foreach (var street in streets.Skip(1))
            foreach (var c in (await epi.GetFromJsonAsync<JsonElement[]>($"/api/divisions/{street.GetProperty("code").GetString()}/children"))!)
            {
                var code = c.GetProperty("code").GetString()!;
                var levels = (await epi.GetFromJsonAsync<JsonElement[]>($"/api/risk-areas?division={code}"))!;
                if (levels.All(l => l.GetProperty("level").GetString() == "Precaution")) return code;
            }
        throw new InvalidOperationException("no quiet committee in 310104");
    }

    public async Task ReportChange(params Guid[] people)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IHealthStatusChanges>().PeopleChangedAsync(people, CancellationToken.None);
    }
}

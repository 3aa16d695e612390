using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fangkong.Web.Platform.Live;
using Fangkong.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Fangkong.Web.Tests;

// The live hub through a real SignalR client on the test server: a push reaches only connections whose
// account, as the database says at the moment of the push, holds the push's permission and covers its
// division; logout, disable and a role change close the account's connections.
public abstract class LiveHubTests<TFactory>(TFactory app) where TFactory : FangkongFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

    private sealed class Listener : IAsyncDisposable
    {
        public required HubConnection Connection { get; init; }
        public ConcurrentQueue<(string Method, JsonElement Body)> Received { get; } = new();
        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Got(string method) => Received.Any(r => r.Method == method);

        public async Task<bool> WaitFor(string method, TimeSpan timeout)
        {
            // Elapsed time on the monotonic stopwatch (a wait for a push, not a date: the wall clock is never read).
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < timeout)
            {
                if (Got(method)) return true;
                await Task.Delay(50, Ct);
            }
            return Got(method);
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private async Task<Listener> Listen(HttpClient client)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var listener = new Listener { Connection = connection };
        foreach (var method in new[] { "facilityChanged", "suppliesChanged", "warning" })
            connection.On<JsonElement>(method, body => listener.Received.Enqueue((method, body)));
        connection.Closed += _ =>
        {
            listener.Closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync(Ct);
        // The server registers the connection in OnConnectedAsync; wait until it has.
        var connections = app.Services.GetRequiredService<LiveConnections>();
        for (var i = 0; i < 100 && !connections.Snapshot().Any(c => c.ConnectionId == connection.ConnectionId); i++) await Task.Delay(20, Ct);
        return listener;
    }

    private LiveNotifier Notifier => app.Services.GetRequiredService<LiveNotifier>();

    private async Task<string> UserId(HttpClient client)
    {
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        var name = me.GetProperty("userName").GetString();
        var admin = await app.SignedIn("secadmin");
        var users = await admin.GetFromJsonAsync<JsonElement[]>("/api/users", Ct);
        return users!.Single(u => u.GetProperty("userName").GetString() == name).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_facility_change_reaches_its_district_and_the_city_but_not_another_district_nor_a_role_without_facilities()
    {
        app.EnsureAvailable();
        await using var pudong = await Listen(await app.SignedIn("pudong"));
        await using var xuhui = await Listen(await app.SignedIn("xuhui"));
        await using var commander = await Listen(await app.SignedIn("commander"));
        // The laboratory's account is scoped to the city but may see no facilities.
        await using var lab = await Listen(await app.SignedIn("lab"));

        // A real change through the API: the system administrator registers a pharmacy in Pudong.
        var sysadmin = await app.SignedIn("sysadmin");
        var committee = await TestPeople.FirstCommittee(sysadmin, "310115");
        var created = await sysadmin.PostAsJsonAsync("/api/facilities", TestPeople.Facility(committee, "直播测试药房"), Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));

        Assert.True(await pudong.WaitFor("facilityChanged", TimeSpan.FromSeconds(10)), "Pudong's worker was not told about a Pudong facility");
        Assert.True(await commander.WaitFor("facilityChanged", TimeSpan.FromSeconds(10)), "the city commander was not told");
        await Task.Delay(Quiet, Ct);
        Assert.False(xuhui.Got("facilityChanged"), "Xuhui's worker was told about a Pudong facility");
        Assert.False(lab.Got("facilityChanged"), "the laboratory account (no facility permission) was told about a facility");
    }

    [Fact]
    public async Task Warnings_and_supplies_changes_reach_only_the_district_they_concern()
    {
        app.EnsureAvailable();
        await using var pudong = await Listen(await app.SignedIn("pudong-supplies"));
        await using var xuhuiSupplies = await Listen(await app.UserWithScope("SuppliesTaskForce", "310104"));
        await using var xuhui = await Listen(await app.SignedIn("xuhui"));

        await Notifier.SuppliesChangedAsync("310115", Guid.NewGuid(), Guid.NewGuid());
        await Notifier.WarningAsync("310115", new { divisionCode = "310115", resource = "beds" });
        Assert.True(await pudong.WaitFor("suppliesChanged", TimeSpan.FromSeconds(10)));
        Assert.True(await pudong.WaitFor("warning", TimeSpan.FromSeconds(10)));
        await Task.Delay(Quiet, Ct);
        Assert.Empty(xuhuiSupplies.Received);
        Assert.Empty(xuhui.Received);
    }

    [Fact]
    public async Task Logout_closes_the_connection_and_nothing_arrives_after_it()
    {
        app.EnsureAvailable();
        var client = await app.UserWithScope("CommunityWorker", "310115");
        await using var listener = await Listen(client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null, Ct)).StatusCode);
        await listener.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Notifier.FacilityChangedAsync(Guid.NewGuid(), "310115");
        await Task.Delay(Quiet, Ct);
        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task Disabling_the_account_closes_its_connections()
    {
        app.EnsureAvailable();
        var client = await app.UserWithScope("CommunityWorker", "310115");
        var id = await UserId(client);
        await using var listener = await Listen(client);
        var admin = await app.SignedIn("secadmin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/users/{id}/disable", null, Ct)).StatusCode);
        await listener.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Notifier.FacilityChangedAsync(Guid.NewGuid(), "310115");
        await Task.Delay(Quiet, Ct);
        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task Moving_the_account_to_another_district_closes_its_connections()
    {
        app.EnsureAvailable();
        var client = await app.UserWithScope("CommunityWorker", "310115");
        var id = await UserId(client);
        await using var listener = await Listen(client);
        var admin = await app.SignedIn("secadmin");
        var moved = await admin.PutAsJsonAsync($"/api/users/{id}/assignment", new { role = "CommunityWorker", scopeDivisionCode = "310104" }, Ct);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));
        await listener.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Notifier.FacilityChangedAsync(Guid.NewGuid(), "310115");
        await Task.Delay(Quiet, Ct);
        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task A_session_ended_without_a_hook_is_rechecked_at_the_next_push()
    {
        app.EnsureAvailable();
        var client = await app.UserWithScope("CommunityWorker", "310115");
        var id = await UserId(client);
        await using var listener = await Listen(client);
        // The account is disabled behind the platform's back (a database edit): the next push re-reads it.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Platform.Access.AppUser>>();
            var user = await users.FindByIdAsync(id);
            user!.IsEnabled = false;
            await users.UpdateAsync(user);
        }
        await Notifier.FacilityChangedAsync(Guid.NewGuid(), "310115");
        await listener.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Empty(listener.Received);
    }
}

public sealed class LiveHubTestsOnSqlite(SqliteFactory app) : LiveHubTests<SqliteFactory>(app), IClassFixture<SqliteFactory>;

public sealed class LiveHubTestsOnPostgres(PostgresFactory app) : LiveHubTests<PostgresFactory>(app), IClassFixture<PostgresFactory>;

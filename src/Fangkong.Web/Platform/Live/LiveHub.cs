using System.Collections.Concurrent;
using System.Security.Claims;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Live;

// Live pushes to open pages. A connection is remembered with the account and session that opened it;
// nothing is decided by what the account could do when it connected. Every push re-reads the accounts
// of the open connections (as AccessMiddleware does for a request) and goes only to those whose role
// holds the push's permission and whose jurisdiction covers its division or facility. A connection
// whose session has ended (logout, disable, expiry) is closed at the next push, and at once by
// LiveConnections.CloseUser when the account is logged out, disabled or given another role or scope.
public sealed class LiveHub(LiveConnections connections) : Hub
{
    public override async Task OnConnectedAsync()
    {
        // The principal as AccessMiddleware left it for the connecting request (it clears an invalid one).
        // Not CurrentUser: under long polling SignalR gives the connection a copy of that request with
        // services of a new scope, where nobody has set the caller.
        var http = Context.GetHttpContext();
        var userId = http?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (http is null || http.User.Identity?.IsAuthenticated != true || userId is null)
        {
            Context.Abort();
            return;
        }
        var stampType = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var signedIn = long.TryParse(http.User.FindFirstValue(AccessMiddleware.SignedInAtClaim), out var unix)
            ? DateTimeOffset.FromUnixTimeSeconds(unix) : DateTimeOffset.MinValue;
        connections.Add(new LiveConnection(Context, userId, http.User.FindFirstValue(stampType), signedIn));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

public sealed record LiveConnection(HubCallerContext Context, string UserId, string? SecurityStamp, DateTimeOffset SignedInAt)
{
    public string ConnectionId => Context.ConnectionId;
}

// The open hub connections of this process, by connection and by account.
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> _byId = new(StringComparer.Ordinal);

    public void Add(LiveConnection connection) => _byId[connection.ConnectionId] = connection;

    public void Remove(string connectionId) => _byId.TryRemove(connectionId, out _);

    public IReadOnlyList<LiveConnection> Snapshot() => [.. _byId.Values];

    // Logout, disable, a new role or scope: the account's open pages stop receiving at once.
    public void CloseUser(string userId)
    {
        foreach (var c in _byId.Values.Where(c => c.UserId == userId).ToList()) Close(c);
    }

    public void Close(LiveConnection connection)
    {
        Remove(connection.ConnectionId);
        connection.Context.Abort();
    }
}

public sealed class LiveNotifier(IHubContext<LiveHub> hub, LiveConnections connections, DbContextOptions<FangkongDb> dbOptions, TimeProvider clock,
    IOptions<PlatformOptions> platform)
{
    private const int Chunk = 500;

    public Task FacilityChangedAsync(Guid facilityId, string divisionCode) =>
        PushAsync(Permission.ViewFacilities, j => j.CoversFacility(facilityId, divisionCode), "facilityChanged", new { divisionCode });

    // Stock or a delivery changed: boards of the division (and above) and of the facilities involved refresh.
    public Task SuppliesChangedAsync(string divisionCode, params Guid[] facilityIds) =>
        PushAsync(Permission.ViewSupplies, j => j.CoversDivision(divisionCode) || (j.FacilityId is { } f && facilityIds.Contains(f)),
            "suppliesChanged", new { divisionCode });

    public Task WarningAsync(string divisionCode, object warning) =>
        PushAsync(Permission.ViewReports, j => j.CoversDivision(divisionCode), "warning", warning);

    private async Task PushAsync(Permission needed, Func<Jurisdiction, bool> sees, string method, object payload)
    {
        var open = connections.Snapshot();
        if (open.Count == 0) return;
        var recipients = new List<string>();
        // Accounts are not scoped data: the system's context reads them, as AccessMiddleware reads the caller's.
        await using (var db = new FangkongDb(dbOptions, JurisdictionContext.ForSystem()))
        {
            var now = clock.GetUtcNow();
            foreach (var chunk in open.Select(c => c.UserId).Distinct().Chunk(Chunk))
            {
                var accounts = await (from u in db.Users.AsNoTracking()
                                      where chunk.Contains(u.Id)
                                      select new
                                      {
                                          User = u,
                                          Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                                      }).ToDictionaryAsync(a => a.User.Id);
                foreach (var c in open.Where(c => chunk.Contains(c.UserId)))
                {
                    var account = accounts.GetValueOrDefault(c.UserId);
                    var valid = account is { User.IsEnabled: true }
                        && c.SecurityStamp == account.User.SecurityStamp
                        && now - c.SignedInAt < platform.Value.AbsoluteSessionLimit
                        && !(platform.Value.IsProduction && account.User.IsDemo);
                    if (!valid)
                    {
                        connections.Close(c);
                        continue;
                    }
                    if (RolePermissions.Has(account!.Role, needed) && sees(CurrentUser.ScopeOf(account.User, account.Role)))
                        recipients.Add(c.ConnectionId);
                }
            }
        }
        if (recipients.Count > 0) await hub.Clients.Clients(recipients).SendAsync(method, payload);
    }
}

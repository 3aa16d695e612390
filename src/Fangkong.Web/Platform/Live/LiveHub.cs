using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.SignalR;

namespace Fangkong.Web.Platform.Live;

// Live pushes to open pages. A connection joins the group of its own jurisdiction only; a change is
// announced to the groups of every division above it, so nobody is told about what they may not see.
public sealed class LiveHub : Hub
{
    public override async Task OnConnectedAsync()
    {
        // Hub instances live in their own per-call scope; the caller as AccessMiddleware established
        // it belongs to the connection's HTTP request.
        var user = Context.GetHttpContext()?.RequestServices.GetRequiredService<CurrentUser>();
        if (user is not { IsAuthenticated: true })
        {
            Context.Abort();
            return;
        }
        var j = user.Jurisdiction;
        var group = j.Everything ? "all" : j.DivisionPrefix is { } d ? $"division:{d}" : j.FacilityId is { } f ? $"facility:{f}" : null;
        if (group is not null) await Groups.AddToGroupAsync(Context.ConnectionId, group);
        await base.OnConnectedAsync();
    }
}

public sealed class LiveNotifier(IHubContext<LiveHub> hub)
{
    public Task FacilityChangedAsync(Guid facilityId, string divisionCode) =>
        hub.Clients.Groups([.. GroupsAbove(divisionCode), $"facility:{facilityId}"]).SendAsync("facilityChanged", new { divisionCode });

    // Stock or a delivery changed: boards of the division (and above) and of the facilities involved refresh.
    public Task SuppliesChangedAsync(string divisionCode, params Guid[] facilityIds) =>
        hub.Clients.Groups([.. GroupsAbove(divisionCode), .. facilityIds.Select(f => $"facility:{f}")]).SendAsync("suppliesChanged", new { divisionCode });

    public Task WarningAsync(string divisionCode, object warning) =>
        hub.Clients.Groups(GroupsAbove(divisionCode)).SendAsync("warning", warning);

    // Everyone whose jurisdiction contains the division: the city-wide group and each enclosing division.
    private static List<string> GroupsAbove(string divisionCode)
    {
        var groups = new List<string> { "all" };
        for (string? c = divisionCode; c is not null; c = DivisionCodes.ParentOf(c)) groups.Add($"division:{c}");
        return groups;
    }
}

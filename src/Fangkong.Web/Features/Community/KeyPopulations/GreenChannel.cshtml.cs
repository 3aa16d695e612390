using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.KeyPopulations;

public sealed class GreenChannelModel(KeyPopulationRegister register, CurrentUser user) : RecordFormPage
{
    [BindProperty] public Guid AlertId { get; set; }
    public List<AlertRow> Alerts { get; private set; } = [];
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageKeyPopulations)) return Forbidden();
        Alerts = await register.AlertsAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageKeyPopulations)) return Forbidden();
        var outcome = await register.SendAsync(AlertId, Version, ct);
        Alerts = await register.AlertsAsync(null, ct);
        return Show(outcome, _ =>
        {
            Sent = true;
            return Page();
        });
    }
}

using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.HealthStatus;

// The security administrator's desk for health codes: signing keys and rotation, other cities' key sets
// (互认), and integration clients. Same use cases as the admin API.
public sealed class KeysModel(SigningKeys keys, TrustedIssuers issuers, IntegrationClients clients, CurrentUser user, TimeProvider clock) : RecordFormPage
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? KeySetJson { get; set; }
    [BindProperty] public string? KeySetUrl { get; set; }
    [BindProperty] public string? ClientName { get; set; }
    [BindProperty] public string? Issuer { get; set; }
    [BindProperty] public Guid ClientId { get; set; }

    public IReadOnlyList<HealthSigningKey> SigningKeys { get; private set; } = [];
    public IReadOnlyList<TrustedIssuerView> Trusted { get; private set; } = [];
    public IReadOnlyList<IntegrationClientView> Clients { get; private set; } = [];
    public string? RotatedTo { get; private set; }
    public string? ImportedIssuer { get; private set; }
    public string? NewClientToken { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageHealthCodeKeys)) return Forbidden();
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageHealthCodeKeys)) return Forbidden();
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 200)
        {
            Errors.Add("reason", "请说明轮换原因（最多 200 字）/ give a reason (at most 200 characters)");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            RotatedTo = (await keys.RotateAsync(user.Actor, Reason.Trim(), null, ct)).KeyId;
        }
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageHealthCodeKeys)) return Forbidden();
        var outcome = await issuers.ImportAsync(new TrustedIssuerInput(KeySetJson, KeySetUrl), ct);
        await Load(ct);
        return Show(outcome, v =>
        {
            ImportedIssuer = $"{v.Name} ({v.Issuer})";
            return Page();
        });
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageHealthCodeKeys)) return Forbidden();
        if (Issuer is null || !await issuers.RemoveAsync(Issuer, ct)) return NotFound();
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateClientAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageHealthCodeKeys)) return Forbidden();
        HealthStatusApi.NoStore(HttpContext);
        var outcome = await clients.CreateAsync(ClientName, ct);
        await Load(ct);
        return Show(outcome, c =>
        {
            NewClientToken = c.Token;
            Clients = [c.Client, .. Clients.Where(x => x.Id != c.Client.Id)];
            return Page();
        });
    }

    public async Task<IActionResult> OnPostRevokeClientAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageHealthCodeKeys)) return Forbidden();
        if (!await clients.RevokeAsync(ClientId, ct)) return NotFound();
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        SigningKeys = await keys.AllAsync(ct);
        Trusted = await issuers.ListAsync(ct);
        Clients = await clients.ListAsync(ct);
    }
}

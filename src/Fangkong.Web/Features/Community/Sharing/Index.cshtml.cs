using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;

namespace Fangkong.Web.Features.Community.Sharing;

public sealed class SharingForm
{
    public string? DivisionCode { get; set; }
    public string? ProductCode { get; set; }
    public string? ProductName { get; set; }
    public int? Quantity { get; set; }
    public DateOnly? Expiry { get; set; }
    public string? Person { get; set; }
    public bool Urgent { get; set; }
    public bool KeyPopulation { get; set; }
}

// Offers and asks of the worker's divisions, one button to match, one to record a hand-over.
public sealed class IndexModel(SharingDesk desk, CurrentUser user) : RecordFormPage
{
    [BindProperty] public SharingForm Offer { get; set; } = new();
    [BindProperty] public SharingForm Ask { get; set; } = new();
    [BindProperty] public Guid AskId { get; set; }
    public SharingBoard Board { get; private set; } = new([], []);
    public List<MatchView>? Matches { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        Response.Headers.CacheControl = "no-store";
        Board = await desk.BoardAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostOfferAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await desk.OfferAsync(new OfferInput(Offer.DivisionCode, Offer.ProductCode, Offer.ProductName, Offer.Quantity, Offer.Expiry, Offer.Person), ct);
        Board = await desk.BoardAsync(ct);
        return Show(outcome, _ => Done());
    }

    public async Task<IActionResult> OnPostAskAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await desk.AskAsync(new AskInput(Ask.DivisionCode, Ask.ProductCode, Ask.ProductName, Ask.Quantity, Ask.Urgent, Ask.KeyPopulation, Ask.Person), ct);
        Board = await desk.BoardAsync(ct);
        return Show(outcome, _ => Done());
    }

    public async Task<IActionResult> OnPostMatchAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        Matches = await desk.MatchAsync(ct);
        Board = await desk.BoardAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostHandOverAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ManageCommunity)) return Forbidden();
        var outcome = await desk.HandOverAsync(AskId, Version, ct);
        Board = await desk.BoardAsync(ct);
        return Show(outcome, _ => Done());
    }

    private IActionResult Done()
    {
        Saved = true;
        return Page();
    }
}

using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.People;

// The people register within the caller's jurisdiction. Only PersonDto.Masked reaches this page, so the
// list never carries a full ID number, phone or address.
public sealed class IndexModel(PeopleRegistry registry, DivisionDirectory divisions, CurrentUser user) : PageModel
{
    // 403 rather than Forbid(), which the cookie scheme turns into a 302 to its AccessDeniedPath, the login page.
    private StatusCodeResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);

    [BindProperty(SupportsGet = true)] public string? Division { get; set; }
    // The search term may be a full ID number or phone, so it travels only in a POST body, never in a URL.
    [BindProperty] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<PersonDto> Result { get; private set; } = new([], 1, 50, 0);
    public IReadOnlyDictionary<string, string> DivisionNames { get; private set; } = new Dictionary<string, string>();
    public string? DivisionName { get; private set; }
    public bool CanEdit => user.Has(Permission.EditPeople);

    // A name is written back into the search box; an ID number or phone is not, so the answer never holds it.
    public string? SearchEcho => Q is { } q && q.Any(char.IsAsciiDigit) ? null : Q;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ListAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ListAsync(ct);

    private async Task<IActionResult> ListAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewPeople)) return Forbidden();
        Result = await registry.ListAsync(new PersonFilter(Division, Q), Paging.From(PageNumber, 50), ct);
        DivisionNames = await divisions.NamesAsync(Result.Items.Select(p => p.DivisionCode).Distinct().ToList(), ct);
        if (!string.IsNullOrWhiteSpace(Division))
            DivisionName = (await divisions.GetAsync(Division.Trim(), ct))?.Name;
        return Page();
    }

}


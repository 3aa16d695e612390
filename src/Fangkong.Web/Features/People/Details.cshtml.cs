using System.Text.Encodings.Web;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.People;

// One person, masked. A full value is fetched one field at a time by the reveal handler, which states a
// reason and is audited; it is the only response that ever carries the full value.
public sealed class DetailsModel(PeopleRegistry registry, DivisionDirectory divisions, CurrentUser user, UiText text) : PageModel
{
    // 403 rather than Forbid(), which the cookie scheme turns into a 302 to its AccessDeniedPath, the login page.
    private StatusCodeResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);

    public static readonly string[] RevealableFields = ["idNumber", "phone", "address"];

    public PersonDto Person { get; private set; } = null!;
    public string? DivisionName { get; private set; }
    public int Age => Person.Age;
    public bool CanEdit => user.Has(Permission.EditPeople);
    public bool CanReveal => user.Has(Permission.RevealPersonalData);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewPeople)) return Forbidden();
        var person = await registry.FindAsync(id, ct);
        if (person is null) return NotFound();
        Person = registry.Mask(person);
        DivisionName = (await divisions.GetAsync(person.DivisionCode, ct))?.Name;
        return Page();
    }

    // htmx target: on success the whole field slot is replaced by the full value (HX-Retarget); on a
    // validation error only the slot's message area gets the error, with 422 (swapped per the page's htmx-config).
    public async Task<IActionResult> OnPostRevealAsync(Guid id, string? field, string? reason, CancellationToken ct)
    {
        if (!user.Has(Permission.RevealPersonalData)) return Forbidden();
        var outcome = await registry.RevealAsync(id, new RevealRequest(field, reason), ct);
        var html = HtmlEncoder.Default;
        switch (outcome)
        {
            case WriteOutcome<string?>.Done done:
                // RevealAsync answers Done only for one of RevealableFields, so the slot id is safe to name.
                var name = field!.Trim();
                Response.Headers["HX-Retarget"] = $"#reveal-{name}";
                Response.Headers["HX-Reswap"] = "innerHTML";
                return Html(StatusCodes.Status200OK,
                    $"<span class=\"masked revealed\" data-testid=\"revealed-{name}\">{html.Encode(done.Value ?? "")}</span> "
                    + $"<span class=\"spark\">{html.Encode(text["people.revealedNote"])}</span>");
            case WriteOutcome<string?>.Invalid invalid:
                return Html(StatusCodes.Status422UnprocessableEntity, string.Join(" ", invalid.Errors.All.SelectMany(e => e.Value.Select(m =>
                    $"<span class=\"error\" data-field=\"{html.Encode(e.Key)}\">{html.Encode(m)}</span>"))));
            default:
                return NotFound();
        }
    }

    private static ContentResult Html(int status, string fragment) =>
        new() { StatusCode = status, ContentType = "text/html; charset=utf-8", Content = fragment };
}

using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Shared;

// A create/edit form over a use case that answers WriteOutcome: field errors under their inputs, a
// stale version as a warning carrying the new version, out of scope as not found.
public abstract class RecordFormPage : PageModel
{
    [BindProperty] public int Version { get; set; }
    public FieldErrors Errors { get; } = new();
    public string? Message { get; private set; }

    protected StatusCodeResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);

    protected IActionResult Show<T>(WriteOutcome<T> outcome, Func<T, IActionResult> done)
    {
        switch (outcome)
        {
            case WriteOutcome<T>.Done d:
                return done(d.Value);
            case WriteOutcome<T>.Invalid invalid:
                Copy(invalid.Errors);
                break;
            case WriteOutcome<T>.Forbidden forbidden:
                Copy(forbidden.Errors);
                break;
            case WriteOutcome<T>.Conflict conflict:
                Copy(conflict.Errors);
                break;
            case WriteOutcome<T>.Stale stale:
                Message = "form.stale";
                // The hidden field would otherwise re-render the posted, stale version from ModelState.
                ModelState.Remove(nameof(Version));
                Version = stale.CurrentVersion;
                break;
            default:
                return NotFound();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Copy(FieldErrors from)
    {
        foreach (var (field, messages) in from.All)
            foreach (var m in messages) Errors.Add(field, m);
    }
}

using Fangkong.Web.Features.People;
using Fangkong.Web.Features.Shared;
using Fangkong.Web.Platform.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.HealthStatus;

// A person's status for staff: found by ID number within the caller's jurisdiction (posted, never in
// the URL), shown masked with its reasons and the codes issued; issuing shows the QR code once.
public sealed class IndexModel(HealthCodeDesk desk, PeopleRegistry people, CurrentUser user, TimeProvider clock) : RecordFormPage
{
    [BindProperty] public string? IdNumber { get; set; }
    public PersonHealthStatus? Status { get; private set; }
    public IssuedToken? Issued { get; private set; }
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public bool CanIssue => user.Has(Permission.IssueHealthCodes);

    public async Task<IActionResult> OnGetAsync(Guid? person, CancellationToken ct)
    {
        if (!user.Has(Permission.ViewPeople)) return Forbidden();
        HealthStatusApi.NoStore(HttpContext);
        if (person is { } id && (Status = await desk.StatusAsync(id, ct)) is null) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        if (!user.Has(Permission.ViewPeople)) return Forbidden();
        var term = IdNumber?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(term) || term.Length != 18)
        {
            Errors.Add("idNumber", "请输入 18 位身份证号 / enter an 18-character ID number");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var id = await people.Query(new PersonFilter()).Where(p => p.IdNumber == term).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            Errors.Add("idNumber", "healthStatus.notFound");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        return RedirectToPage(new { person = id });
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid person, CancellationToken ct)
    {
        if (!CanIssue) return Forbidden();
        HealthStatusApi.NoStore(HttpContext);
        Issued = await desk.IssueForStaffAsync(person, ct);
        if (Issued is null) return NotFound();
        Status = await desk.StatusAsync(person, ct);
        return Page();
    }
}

using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.Accounts;

// Accounts, split by duty (三权分立): the system administrator creates accounts (no role, initial password);
// the security administrator grants role and jurisdiction (receiving the activation code of a new
// account), disables, enables and unlocks.
public sealed class UsersModel(UserAdministration admin, DivisionDirectory divisions, CurrentUser user) : PageModel
{
    // 403 rather than Forbid(), which the cookie scheme turns into a 302 to its AccessDeniedPath, the login page.
    private StatusCodeResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);

    [BindProperty] public NewUserForm Form { get; set; } = new();

    public IReadOnlyList<UserSummary> Users { get; private set; } = [];
    public IReadOnlyDictionary<string, string> DivisionNames { get; private set; } = new Dictionary<string, string>();
    public FieldErrors Errors { get; } = new();
    public FieldErrors ActionErrors { get; } = new();
    public string? Done { get; private set; }
    public string? DoneUser { get; private set; }
    public string? CurrentUserId => user.UserId;
    public bool CanCreate => user.Has(Permission.CreateAccounts);
    public bool CanGrant => user.Has(Permission.ManageUsers);
    public string? ActivationCode { get; private set; }
    private bool MayOpen => CanCreate || CanGrant;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!MayOpen) return Forbidden();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!CanCreate) return Forbidden();
        switch (await admin.CreateAsync(Form.ToRequest(), ct))
        {
            case WriteOutcome<UserSummary>.Done done:
                Done = "users.created";
                DoneUser = done.Value.UserName;
                Form = new();
                ModelState.Clear();
                break;
            case WriteOutcome<UserSummary>.Invalid invalid:
                Copy(invalid.Errors, Errors);
                Form.Password = null;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                return NotFound();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(string id, string? role, string? scopeDivisionCode, string? scopeFacilityId, CancellationToken ct)
    {
        if (!CanGrant) return Forbidden();
        var facility = string.IsNullOrWhiteSpace(scopeFacilityId) ? (Guid?)null : Guid.TryParse(scopeFacilityId.Trim(), out var f) ? f : Guid.Empty;
        switch (await admin.AssignAsync(id, new UserAssignment(string.IsNullOrWhiteSpace(role) ? null : role, scopeDivisionCode, facility), ct))
        {
            case WriteOutcome<UserSummary>.Done done:
                Done = "users.assignedDone";
                DoneUser = done.Value.UserName;
                ActivationCode = done.Value.ActivationCode;
                break;
            case WriteOutcome<UserSummary>.Invalid invalid:
                Copy(invalid.Errors, ActionErrors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case WriteOutcome<UserSummary>.Forbidden forbidden:
                Copy(forbidden.Errors, ActionErrors);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                return NotFound();
        }
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        ActAsync(id, "users.disabledDone", () => admin.SetEnabledAsync(id, false, ct), ct);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        ActAsync(id, "users.enabledDone", () => admin.SetEnabledAsync(id, true, ct), ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ActAsync(id, "users.unlockedDone", () => admin.UnlockAsync(id, ct), ct);

    private async Task<IActionResult> ActAsync(string id, string doneKey, Func<Task<WriteOutcome<string>>> action, CancellationToken ct)
    {
        if (!CanGrant) return Forbidden();
        switch (await action())
        {
            case WriteOutcome<string>.Done:
                Done = doneKey;
                break;
            case WriteOutcome<string>.Invalid invalid:
                Copy(invalid.Errors, ActionErrors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case WriteOutcome<string>.Forbidden forbidden:
                Copy(forbidden.Errors, ActionErrors);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                return NotFound();
        }
        await LoadAsync(ct);
        DoneUser = Users.FirstOrDefault(u => u.Id == id)?.UserName;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = await admin.ListAsync(ct);
        DivisionNames = await divisions.NamesAsync(Users.Where(u => u.ScopeDivisionCode is not null).Select(u => u.ScopeDivisionCode!).Distinct().ToList(), ct);
    }

    private static void Copy(FieldErrors from, FieldErrors to)
    {
        foreach (var (field, messages) in from.All)
            foreach (var m in messages) to.Add(field, m);
    }

    public sealed class NewUserForm
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }

        // Role and scope are granted separately by the security administrator.
        public NewUser ToRequest() => new(UserName, DisplayName, Password, null, null, null);
    }
}

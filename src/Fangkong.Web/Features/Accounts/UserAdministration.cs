using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Accounts;

public sealed record NewUser(string? UserName, string? DisplayName, string? Password, string? Role, string? ScopeDivisionCode, Guid? ScopeFacilityId);
public sealed record UserAssignment(string? Role, string? ScopeDivisionCode, Guid? ScopeFacilityId);
// ActivationCode: only in the answer to the grant of a role to a new account, shown once to the security
// administrator, who hands it to the owner (OneTimePasswords).
public sealed record UserSummary(string Id, string UserName, string DisplayName, string? Role, string? ScopeDivisionCode,
    Guid? ScopeFacilityId, bool IsEnabled, bool IsDemo, bool IsLockedOut, bool AwaitsFirstSignIn = false, string? ActivationCode = null);

// Accounts, roles and jurisdictions, split between two duties (三权分立): the system administrator creates
// an account with an initial password and no role; the security administrator grants role and scope (and
// receives the activation code the first sign-in needs besides that password). No administrator can do
// both, nor change their own role or scope.
public sealed class UserAdministration(FangkongDb db, UserManager<AppUser> users, CurrentUser current, AuditLog audit, TimeProvider clock,
    Platform.Live.LiveConnections live)
{
    public async Task<List<UserSummary>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await (from u in db.Users.AsNoTracking()
                          let role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault()
                          orderby u.UserName
                          select new { u, role }).ToListAsync(ct);
        return rows.Select(x => new UserSummary(x.u.Id, x.u.UserName!, x.u.DisplayName, x.role, x.u.ScopeDivisionCode, x.u.ScopeFacilityId,
            x.u.IsEnabled, x.u.IsDemo, x.u.LockoutEnd > now, x.u.MustChangePassword)).ToList();
    }

    public async Task<WriteOutcome<UserSummary>> CreateAsync(NewUser request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var userName = request.UserName?.Trim() ?? "";
        if (userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            errors.Add("userName", "用户名须为 3–64 位字母、数字或 . _ - / 3–64 letters, digits or . _ -");
        else if (await users.FindByNameAsync(userName) is not null)
            errors.Add("userName", "用户名已存在 / user name already taken");
        var displayName = request.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 100) errors.Add("displayName", "显示名称必填，最长 100 字 / required, at most 100 characters");
        // Role and scope are the security administrator's grant, never part of creating the account.
        const string grantedSeparately = "角色与管辖区由安全管理员另行授予 / the security administrator grants role and scope separately";
        if (!string.IsNullOrWhiteSpace(request.Role)) errors.Add("role", grantedSeparately);
        if (!string.IsNullOrWhiteSpace(request.ScopeDivisionCode)) errors.Add("scopeDivisionCode", grantedSeparately);
        if (request.ScopeFacilityId is not null) errors.Add("scopeFacilityId", grantedSeparately);
        if (errors.Any) return new WriteOutcome<UserSummary>.Invalid(errors);

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
            MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) errors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description);
            return new WriteOutcome<UserSummary>.Invalid(errors);
        }
        await audit.AppendAsync(current.Actor, new AuditEvent("user.create", AuditOutcome.Success, "user", user.Id, "no role until granted; one-time password"), ct);
        return new WriteOutcome<UserSummary>.Done(new UserSummary(user.Id, user.UserName, user.DisplayName, null, null, null, true, false, false, true));
    }

    public async Task<WriteOutcome<UserSummary>> AssignAsync(string id, UserAssignment request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new WriteOutcome<UserSummary>.NotFound();
        var errors = new FieldErrors();
        // No administrator widens their own powers: checked before anything else about the request.
        if (user.Id == current.UserId)
        {
            await audit.AppendAsync(current.Actor, new AuditEvent("user.role", AuditOutcome.Denied, "user", user.Id, "own role or scope"), ct);
            return new WriteOutcome<UserSummary>.Forbidden(errors.Add("role", "不能修改自己的角色或管辖区 / you cannot change your own role or scope"));
        }
        await CheckAssignment(request, errors, ct);
        if (errors.Any) return new WriteOutcome<UserSummary>.Invalid(errors);
        foreach (var role in await users.GetRolesAsync(user)) await users.RemoveFromRoleAsync(user, role);
        await users.AddToRoleAsync(user, request.Role!);
        user.ScopeDivisionCode = Blank(request.ScopeDivisionCode);
        user.ScopeFacilityId = request.ScopeFacilityId;
        // A new account's first sign-in needs this code besides the initial password its creator chose;
        // a new grant before that sign-in replaces the code.
        string? activationCode = null;
        if (user.MustChangePassword)
        {
            activationCode = OneTimePasswords.NewActivationCode();
            user.ActivationCodeHash = OneTimePasswords.Hash(activationCode);
        }
        await users.UpdateAsync(user);
        // Open live pages were authorised for the old role and scope.
        live.CloseUser(user.Id);
        await audit.AppendAsync(current.Actor, new AuditEvent("user.role", AuditOutcome.Success, "user", user.Id,
            $"role={request.Role}; scope={user.ScopeDivisionCode ?? user.ScopeFacilityId?.ToString()}{(activationCode is null ? "" : "; activation code issued")}"), ct);
        return new WriteOutcome<UserSummary>.Done(new UserSummary(user.Id, user.UserName!, user.DisplayName, request.Role, user.ScopeDivisionCode, user.ScopeFacilityId,
            user.IsEnabled, user.IsDemo, false, user.MustChangePassword, activationCode));
    }

    // Disabling bumps the security stamp, which ends the account's sessions and tokens at once.
    public async Task<WriteOutcome<string>> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new WriteOutcome<string>.NotFound();
        if (user.Id == current.UserId) return new WriteOutcome<string>.Forbidden(new FieldErrors().Add("id", "不能停用自己 / you cannot disable yourself"));
        user.IsEnabled = enabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        live.CloseUser(user.Id);
        await audit.AppendAsync(current.Actor, new AuditEvent(enabled ? "user.enable" : "user.disable", AuditOutcome.Success, "user", user.Id), ct);
        return new WriteOutcome<string>.Done(user.Id);
    }

    public async Task<WriteOutcome<string>> UnlockAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new WriteOutcome<string>.NotFound();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.FirstFailedLoginAt = null;
        await users.UpdateAsync(user);
        await audit.AppendAsync(current.Actor, new AuditEvent("user.unlock", AuditOutcome.Success, "user", user.Id), ct);
        return new WriteOutcome<string>.Done(user.Id);
    }

    private async Task CheckAssignment(UserAssignment request, FieldErrors errors, CancellationToken ct)
    {
        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors.Add("role", $"角色须为 {string.Join(", ", Roles.All)} 之一 / unknown role");
            return;
        }
        var division = Blank(request.ScopeDivisionCode);
        if (Roles.IsFacilityBound(request.Role))
        {
            if (request.ScopeFacilityId is not { } facilityId)
                errors.Add("scopeFacilityId", "此角色须绑定一个机构或企业 / this role is bound to one facility or enterprise");
            // unscoped: only whether the facility id exists, for a grant by an administrator who has no scope; no record is read
            else if (!await db.Facilities.IgnoreQueryFilters().AnyAsync(f => f.Id == facilityId, ct))
                errors.Add("scopeFacilityId", "机构不存在 / unknown facility");
            if (division is not null) errors.Add("scopeDivisionCode", "机构账户不设区划 / a facility-bound account has no division scope");
        }
        else
        {
            if (request.ScopeFacilityId is not null) errors.Add("scopeFacilityId", "此角色按区划授权 / this role is scoped by division");
            if (division is null && request.Role is not (Roles.Auditor or Roles.SecurityAdmin))
                errors.Add("scopeDivisionCode", "须指定管辖区划 / a jurisdiction is required");
            else if (division is not null && !await db.Divisions.AnyAsync(d => d.Code == division, ct))
                errors.Add("scopeDivisionCode", $"区划代码不存在 / unknown division {division}");
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/api/users").WithTags("Users");
        root.MapGet("", async (UserAdministration admin, CancellationToken ct) => Results.Ok(await admin.ListAsync(ct)))
            .RequireAnyPermission(Permission.ManageUsers, Permission.CreateAccounts);
        root.MapPost("", async (NewUser request, UserAdministration admin, CancellationToken ct) =>
            (await admin.CreateAsync(request, ct)).ToHttp(u => Results.Created($"/api/users/{u.Id}", u)))
            .RequirePermission(Permission.CreateAccounts).Idempotent();
        var api = root.MapGroup("").RequirePermission(Permission.ManageUsers);
        api.MapPut("/{id}/assignment", async (string id, UserAssignment request, UserAdministration admin, CancellationToken ct) =>
            (await admin.AssignAsync(id, request, ct)).ToHttp(Results.Ok));
        api.MapPost("/{id}/disable", async (string id, UserAdministration admin, CancellationToken ct) =>
            (await admin.SetEnabledAsync(id, false, ct)).ToHttp(_ => Results.NoContent()));
        api.MapPost("/{id}/enable", async (string id, UserAdministration admin, CancellationToken ct) =>
            (await admin.SetEnabledAsync(id, true, ct)).ToHttp(_ => Results.NoContent()));
        api.MapPost("/{id}/unlock", async (string id, UserAdministration admin, CancellationToken ct) =>
            (await admin.UnlockAsync(id, ct)).ToHttp(_ => Results.NoContent()));
        return app;
    }
}

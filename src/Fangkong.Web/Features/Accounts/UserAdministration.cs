using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Accounts;

public sealed record NewUser(string? UserName, string? DisplayName, string? Password, string? Role, string? ScopeDivisionCode, Guid? ScopeFacilityId);
public sealed record UserAssignment(string? Role, string? ScopeDivisionCode, Guid? ScopeFacilityId);
public sealed record UserSummary(string Id, string UserName, string DisplayName, string? Role, string? ScopeDivisionCode,
    Guid? ScopeFacilityId, bool IsEnabled, bool IsDemo, bool IsLockedOut);

// Accounts, roles and jurisdictions: the security administrator's duty alone.
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
            x.u.IsEnabled, x.u.IsDemo, x.u.LockoutEnd > now)).ToList();
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
        await CheckAssignment(new UserAssignment(request.Role, request.ScopeDivisionCode, request.ScopeFacilityId), errors, ct);
        if (errors.Any) return new WriteOutcome<UserSummary>.Invalid(errors);

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            ScopeDivisionCode = Blank(request.ScopeDivisionCode),
            ScopeFacilityId = request.ScopeFacilityId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) errors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description);
            return new WriteOutcome<UserSummary>.Invalid(errors);
        }
        await users.AddToRoleAsync(user, request.Role!);
        await audit.AppendAsync(current.Actor, new AuditEvent("user.create", AuditOutcome.Success, "user", user.Id, $"role={request.Role}; scope={user.ScopeDivisionCode ?? user.ScopeFacilityId?.ToString()}"), ct);
        return new WriteOutcome<UserSummary>.Done(new UserSummary(user.Id, user.UserName, user.DisplayName, request.Role, user.ScopeDivisionCode, user.ScopeFacilityId, true, false, false));
    }

    public async Task<WriteOutcome<UserSummary>> AssignAsync(string id, UserAssignment request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return new WriteOutcome<UserSummary>.NotFound();
        var errors = new FieldErrors();
        await CheckAssignment(request, errors, ct);
        if (errors.Any) return new WriteOutcome<UserSummary>.Invalid(errors);
        if (user.Id == current.UserId)
            return new WriteOutcome<UserSummary>.Forbidden(errors.Add("role", "不能修改自己的角色 / you cannot change your own role"));
        foreach (var role in await users.GetRolesAsync(user)) await users.RemoveFromRoleAsync(user, role);
        await users.AddToRoleAsync(user, request.Role!);
        user.ScopeDivisionCode = Blank(request.ScopeDivisionCode);
        user.ScopeFacilityId = request.ScopeFacilityId;
        await users.UpdateAsync(user);
        // Open live pages were authorised for the old role and scope.
        live.CloseUser(user.Id);
        await audit.AppendAsync(current.Actor, new AuditEvent("user.role", AuditOutcome.Success, "user", user.Id, $"role={request.Role}; scope={user.ScopeDivisionCode ?? user.ScopeFacilityId?.ToString()}"), ct);
        return new WriteOutcome<UserSummary>.Done(new UserSummary(user.Id, user.UserName!, user.DisplayName, request.Role, user.ScopeDivisionCode, user.ScopeFacilityId, user.IsEnabled, user.IsDemo, false));
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
            // unscoped: an administrator (no record scope) checks that the facility exists; reference data
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
        var api = app.MapGroup("/api/users").WithTags("Users").RequirePermission(Permission.ManageUsers);
        api.MapGet("", async (UserAdministration admin, CancellationToken ct) => Results.Ok(await admin.ListAsync(ct)));
        api.MapPost("", async (NewUser request, UserAdministration admin, CancellationToken ct) =>
            (await admin.CreateAsync(request, ct)).ToHttp(u => Results.Created($"/api/users/{u.Id}", u))).Idempotent();
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

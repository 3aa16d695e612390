using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.BreakGlass;

public sealed record BreakGlassInput(string? DivisionCode, string? Reason, int? Minutes);

public sealed record BreakGlassView(Guid Id, string UserName, string? Role, string DivisionCode, string? DivisionName, string Reason,
    DateTime GrantedAt, DateTime ExpiresAt, bool Active);

// Opening grants (the user) and listing them (the auditor). Using one is BreakGlass in Platform/Access.
public sealed class BreakGlassDesk(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int MinReasonLength = 5;
    public const int MaxReasonLength = 500;
    // Long enough for a shift's emergency, short enough that a forgotten grant dies the same day.
    public const int MaxMinutes = 480;

    public async Task<WriteOutcome<BreakGlassView>> OpenAsync(BreakGlassInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = input.DivisionCode?.Trim() ?? "";
        var reason = input.Reason?.Trim() ?? "";
        string? divisionName = null;
        if (code.Length == 0)
            errors.Add("divisionCode", "必填 / required");
        else if (!DivisionCodes.IsWellFormed(code) || code.Length < 6)
            errors.Add("divisionCode", "只能授权区县及以下区划 / only a district, street or committee can be granted");
        else if ((divisionName = await db.Divisions.Where(d => d.Code == code).Select(d => d.Name).FirstOrDefaultAsync(ct)) is null)
            errors.Add("divisionCode", "区划不存在 / no such division");
        else if (user.Jurisdiction.CoversDivision(code))
            errors.Add("divisionCode", "已在您的管辖范围内 / already inside your jurisdiction");
        if (reason.Length < MinReasonLength)
            errors.Add("reason", $"请说明理由（至少{MinReasonLength}个字） / give a reason (at least {MinReasonLength} characters)");
        else if (reason.Length > MaxReasonLength)
            errors.Add("reason", $"最多{MaxReasonLength}个字 / at most {MaxReasonLength} characters");
        if (input.Minutes is not { } minutes || minutes < 1 || minutes > MaxMinutes)
            errors.Add("minutes", $"1 至 {MaxMinutes} 分钟 / 1 to {MaxMinutes} minutes");
        if (errors.Any)
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("break-glass.grant", AuditOutcome.Failure, "division", code.Length == 0 ? null : code,
                errors.ToString()), ct);
            return new WriteOutcome<BreakGlassView>.Invalid(errors);
        }

        var grant = BreakGlassGrant.Open(user.UserId!, user.UserName!, user.Role, code, reason, clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(input.Minutes!.Value));
        db.BreakGlassGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        // The reason is the user's own words about an emergency, not a resident's data: it is kept in the trail.
        await audit.AppendAsync(user.Actor, new AuditEvent("break-glass.grant", AuditOutcome.Success, "break-glass", grant.Id.ToString(),
            $"{code} until {grant.ExpiresAt:O}: {reason}"), ct);
        return new WriteOutcome<BreakGlassView>.Done(View(grant, divisionName, grant.GrantedAt));
    }

    // For the auditor: every grant, newest first, with whether it is still live.
    public async Task<Page<BreakGlassView>> ListAsync(string? userName, Paging paging, CancellationToken ct)
    {
        var query = db.BreakGlassGrants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(userName)) query = query.Where(g => g.UserName == userName.Trim());
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(g => g.GrantedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var codes = rows.Select(r => r.DivisionCode).Distinct().ToList();
        var names = await db.Divisions.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return new Page<BreakGlassView>(rows.Select(g => View(g, names.GetValueOrDefault(g.DivisionCode), now)).ToList(), paging.Page, paging.PageSize, total);
    }

    // The caller's own grants, so a client can find a live one to name in the X-Break-Glass header.
    public async Task<IReadOnlyList<BreakGlassView>> MineAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.BreakGlassGrants.AsNoTracking().Where(g => g.UserId == user.UserId && g.ExpiresAt > now)
            .OrderByDescending(g => g.GrantedAt).ToListAsync(ct);
        return rows.Select(g => View(g, null, now)).ToList();
    }

    private static BreakGlassView View(BreakGlassGrant g, string? divisionName, DateTime now) =>
        new(g.Id, g.UserName, g.Role, g.DivisionCode, divisionName, g.Reason, g.GrantedAt, g.ExpiresAt, g.IsActive(now));
}

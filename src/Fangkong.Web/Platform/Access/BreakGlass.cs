using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Platform.Access;

// "Break the glass" (紧急越权访问): a user who needs a record of another jurisdiction in an emergency
// (a patient from another district in front of them, a contact traced across the boundary) asks for
// one division, says why and for how long. The grant is recorded and audited; it never changes the
// account's own scope. It is read-only: a write must still land inside the user's own jurisdiction,
// and moving a record out needs the transfer right (SECURITY.md).
public sealed class BreakGlassGrant
{
    private BreakGlassGrant() { }

    public static BreakGlassGrant Open(string userId, string userName, string? role, string divisionCode, string reason, DateTime nowUtc, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        UserName = userName,
        Role = role,
        DivisionCode = divisionCode,
        Reason = reason,
        GrantedAt = nowUtc,
        ExpiresAt = nowUtc + lifetime,
    };

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string? Role { get; private set; }
    public string DivisionCode { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTime GrantedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public bool IsActive(DateTime nowUtc) => nowUtc < ExpiresAt;
}

// Applied by AccessMiddleware after the caller is known. A request uses a grant by naming it in the
// X-Break-Glass header; for that request the jurisdiction is the granted division (the scope filters
// take one prefix, so the request sees the granted division instead of the own one, never both at
// once). Every use is audited as break-glass; a header that names no live grant of this caller, or
// a write under a grant, is refused (403, audited) rather than silently served with the own scope.
public static class BreakGlass
{
    public const string Header = "X-Break-Glass";

    public static async Task<IResult?> ApplyAsync(HttpContext http, CurrentUser current, FangkongDb db, TimeProvider clock, AuditLog audit)
    {
        var request = $"{http.Request.Method} {http.Request.Path}";
        var now = clock.GetUtcNow().UtcDateTime;
        BreakGlassGrant? grant = null;
        string? refusal;
        if (!Guid.TryParse(http.Request.Headers[Header].ToString(), out var grantId))
            refusal = "malformed grant id";
        else if (!current.Has(Permission.BreakGlass))
            refusal = "role lacks BreakGlass";
        else if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
            refusal = "read-only grant used for a write";
        else
        {
            // No scope filter on grants; the owner check is explicit.
            grant = await db.BreakGlassGrants.AsNoTracking()
                .FirstOrDefaultAsync(g => g.Id == grantId && g.UserId == current.UserId, http.RequestAborted);
            refusal = grant is null ? "no such grant for this user" : !grant.IsActive(now) ? "grant expired" : null;
        }

        if (refusal is not null)
        {
            await audit.AppendAsync(current.Actor, new AuditEvent("break-glass.access", AuditOutcome.Denied, "break-glass",
                grant?.Id.ToString() ?? (grantId == Guid.Empty ? null : grantId.ToString()), $"{request}: {refusal}"), http.RequestAborted);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "紧急访问授权无效或已过期 / The break-glass grant is not valid for this request",
                detail: refusal);
        }

        // Audited before anything is read, like every personal-data read: no audit, no data.
        await audit.AppendAsync(current.Actor, new AuditEvent("break-glass.access", AuditOutcome.Success, "break-glass",
            grant!.Id.ToString(), $"{grant.DivisionCode} {request}"), http.RequestAborted);
        current.UseBreakGlass(grant);
        return null;
    }
}

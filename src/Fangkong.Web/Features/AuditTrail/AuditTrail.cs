using Fangkong.Core.Audit;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.AuditTrail;

public sealed record AuditQuery(DateTime? From = null, DateTime? To = null, string? User = null, string? Action = null, string? Outcome = null, string? ObjectId = null);

public sealed record AuditVerification(bool Intact, long RowsChecked, long? BrokenAt, string? Reason);

// The auditor's read side of the audit trail, and the tamper check shared with `fangkong audit verify`.
public sealed class AuditTrailReader(FangkongDb db)
{
    public IQueryable<AuditEntry> Query(AuditQuery q)
    {
        var rows = db.AuditEntries.AsNoTracking();
        // Callers pass UTC; an unspecified kind is taken as UTC rather than as the server's local time.
        if (q.From is { } from) rows = rows.Where(a => a.At >= DateTime.SpecifyKind(from, DateTimeKind.Utc));
        if (q.To is { } to) rows = rows.Where(a => a.At < DateTime.SpecifyKind(to, DateTimeKind.Utc));
        if (!string.IsNullOrWhiteSpace(q.User)) rows = rows.Where(a => a.UserName == q.User.Trim());
        if (!string.IsNullOrWhiteSpace(q.Action)) rows = rows.Where(a => a.Action.StartsWith(q.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(q.Outcome)) rows = rows.Where(a => a.Outcome == q.Outcome.Trim());
        if (!string.IsNullOrWhiteSpace(q.ObjectId)) rows = rows.Where(a => a.ObjectId == q.ObjectId.Trim());
        return rows;
    }

    public async Task<Page<AuditEntry>> ListAsync(AuditQuery q, Paging paging, CancellationToken ct)
    {
        var rows = Query(q);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(a => a.Sequence).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new Page<AuditEntry>(items, paging.Page, paging.PageSize, total);
    }

    public AuditVerification Verify()
    {
        long count = 0;
        var rows = db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable()
            .Select(a => { count++; return a.ToChainRow(); });
        var broken = AuditHashChain.FindFirstBreak(rows);
        return new AuditVerification(broken is null, count, broken?.Sequence, broken?.Reason);
    }
}

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequirePermission(Permission.ViewAudit);
        // from/to are instants: give an offset (2026-11-22T08:00:00+08:00) or Z; a bare time is read as UTC.
        api.MapGet("", async (AuditTrailReader reader, DateTimeOffset? from, DateTimeOffset? to, string? user, string? action, string? outcome, string? objectId, int? page, int? pageSize, CancellationToken ct) =>
            Results.Ok(await reader.ListAsync(new AuditQuery(from?.UtcDateTime, to?.UtcDateTime, user, action, outcome, objectId), Paging.From(page, pageSize), ct)));
        api.MapGet("/verify", (AuditTrailReader reader) => Results.Ok(reader.Verify()));
        return app;
    }
}

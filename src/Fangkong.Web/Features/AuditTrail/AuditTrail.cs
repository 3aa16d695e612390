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
public sealed class AuditTrailReader(FangkongDb db, AuditChainKey chain)
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

    // The chain from its first row (keyed rows with the key from configuration), then its head against the
    // newest anchor kept outside the database, which catches deleted newest rows and a re-hashed rewrite.
    public AuditVerification Verify()
    {
        var (anchor, anchorProblem) = chain.ReadNewestAnchor();
        long count = 0, head = 0;
        string? hashAtAnchor = null;
        var rows = db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable()
            .Select(a =>
            {
                count++;
                head = a.Sequence;
                if (a.Sequence == anchor?.Sequence) hashAtAnchor = a.Hash;
                return a.ToChainRow();
            });
        var broken = chain.FindFirstBreak(rows);
        if (broken is null && anchorProblem is not null) broken = new AuditChainBreak(head, anchorProblem);
        broken ??= AuditAnchor.Check(anchor, head, hashAtAnchor);
        // Keyed rows with no anchor at all: the anchor file was removed or is not the one this database writes.
        if (broken is null && anchor is null && db.AuditEntries.Any(a => a.HashVersion == AuditHashChain.Keyed))
            broken = new AuditChainBreak(head, $"No anchor found at {chain.AnchorPath} for a keyed chain; the anchor file is missing or misconfigured.");
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

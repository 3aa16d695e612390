using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

public sealed record CaseLinkRow(Guid Id, string Number, CaseCategory Category, DateTime DetectedAt, string DivisionCode, Guid ClusterId, int Generation,
    Guid? InfectorCaseId);

public sealed record OpenContactRow(Guid Id, Guid CaseId, ContactKind Kind, Guid? ViaContactId, DateTime? QuarantineStart, DateTime IdentifiedAt);

// A transmission chain crosses districts (an infector in Pudong, its contact's case in Xuhui), and a case
// or contact shows the masked person it names wherever they live. These are the only reads the
// investigation makes outside the caller's scope. They go through a context of the system's own scope —
// never switching the scope filter off on the caller's context, which would switch off the filters of every
// sub-query too — and each answers only what the chain needs: case numbers, categories, cluster and
// generation; masked people by the ids of cases and contacts the caller already sees; and, on a
// contact turning positive, the propagation of that fact to the other side's contact records.
public sealed class CrossDistrictLinks(DbContextOptions<FangkongDb> dbOptions) : IAsyncDisposable
{
    private const int Chunk = 500;
    private FangkongDb? _system;

    // system scope: a chain's links cross districts; only link fields leave this class.
    private FangkongDb System => _system ??= new FangkongDb(dbOptions, JurisdictionContext.ForSystem());

    public async ValueTask DisposeAsync()
    {
        if (_system is not null) await _system.DisposeAsync();
    }

    // Ordered before the projection: EF Core cannot order by a member of a constructed record.
    private static IQueryable<CaseLinkRow> Links(IQueryable<Case> cases) =>
        cases.AsNoTracking().Select(c => new CaseLinkRow(c.Id, c.Number, c.Category, c.DetectedAt, c.DivisionCode, c.ClusterId, c.Generation, c.InfectorCaseId));

    public async Task<Dictionary<Guid, string>> NumbersAsync(IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var numbers = new Dictionary<Guid, string>();
        foreach (var chunk in caseIds.Distinct().Chunk(Chunk))
            foreach (var c in await System.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct))
                numbers[c.Id] = c.Number;
        return numbers;
    }

    public Task<CaseLinkRow?> ByIdAsync(Guid id, CancellationToken ct) => Links(System.Cases.Where(c => c.Id == id)).FirstOrDefaultAsync(ct);

    public Task<CaseLinkRow?> ByNumberAsync(string number, CancellationToken ct) => Links(System.Cases.Where(c => c.Number == number)).FirstOrDefaultAsync(ct);

    public Task<List<CaseLinkRow>> InfecteesAsync(Guid id, CancellationToken ct) =>
        Links(System.Cases.Where(c => c.InfectorCaseId == id).OrderBy(c => c.DetectedAt)).ToListAsync(ct);

    public Task<List<CaseLinkRow>> ChildrenAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Links(System.Cases.Where(c => c.InfectorCaseId != null && ids.Contains(c.InfectorCaseId.Value))).ToListAsync(ct);

    public Task<List<CaseLinkRow>> ClusterAsync(Guid clusterId, CancellationToken ct) =>
        Links(System.Cases.Where(c => c.ClusterId == clusterId).OrderBy(c => c.DetectedAt)).ToListAsync(ct);

    // One open case per person, wherever it was opened: the person is one the caller already sees.
    public Task<bool> HasOpenCaseAsync(Guid personId, CancellationToken ct) =>
        System.Cases.AnyAsync(c => c.PersonId == personId && c.Status == CaseStatus.Active, ct);

    // Cluster sizes across districts for clusters the caller reached through a case it sees.
    public async Task<List<ClusterRow>> ClusterRowsAsync(IReadOnlyCollection<Guid> clusterIds, int minCases, DateTime now, CancellationToken ct)
    {
        var rows = new List<ClusterRow>();
        foreach (var chunk in clusterIds.Chunk(Chunk))
            rows.AddRange(await System.Cases.AsNoTracking().Where(c => c.Category == CaseCategory.Confirmed && chunk.Contains(c.ClusterId))
                .GroupBy(c => c.ClusterId)
                .Where(g => g.Count() >= minCases)
                .Select(g => new ClusterRow(g.Key, g.Count(), g.Max(c => c.Generation), g.Min(c => c.DetectedAt), g.Max(c => c.DetectedAt),
                    g.Count(c => c.DetectedAt >= now.AddDays(-7)), g.Count(c => c.DetectedAt < now.AddDays(-7) && c.DetectedAt >= now.AddDays(-14))))
                .ToListAsync(ct));
        return rows;
    }

    public sealed record ClusterRow(Guid Id, int Count, int MaxGeneration, DateTime First, DateTime Last, int Last7, int Previous7);

    public async Task<(List<(Guid Id, Guid ClusterId)> Members, Dictionary<Guid, int> OpenContactsPerCase)> ClusterMembersAsync(IReadOnlyCollection<Guid> clusterIds,
        CancellationToken ct)
    {
        var members = (await System.Cases.AsNoTracking().Where(c => clusterIds.Contains(c.ClusterId)).Select(c => new { c.Id, c.ClusterId }).ToListAsync(ct))
            .Select(m => (m.Id, m.ClusterId)).ToList();
        var perCase = new Dictionary<Guid, int>();
        foreach (var chunk in members.Select(m => m.Id).Chunk(Chunk))
            foreach (var g in await System.Contacts.AsNoTracking()
                         .Where(x => chunk.Contains(x.CaseId) && (x.Status == ContactStatus.Identified || x.Status == ContactStatus.Quarantined))
                         .GroupBy(x => x.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                perCase[g.Key] = g.Count;
        return (members, perCase);
    }

    // Masked display of people the caller reaches through a case or contact it sees, whatever their residence.
    public async Task<List<(Guid Id, string Name, string IdNumber, string? Phone, DateOnly BirthDate, Sex Sex)>> PeopleForMaskingAsync(IEnumerable<Guid> ids,
        CancellationToken ct)
    {
        var rows = new List<(Guid, string, string, string?, DateOnly, Sex)>();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
            rows.AddRange((await System.People.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Name, p.IdNumber, p.Phone, p.BirthDate, p.Sex }).ToListAsync(ct))
                .Select(p => (p.Id, p.Name, p.IdNumber, p.Phone, p.BirthDate, p.Sex)));
        return rows;
    }

    // A contact may live in another district: it is recorded against the one person of that ID number
    // (deduplication). Only the id and residence come back; the caller sees the person masked, through the contact.
    public async Task<(Guid Id, string DivisionCode)?> PersonByIdNumberAsync(string idNumber, CancellationToken ct)
    {
        var p = await System.People.AsNoTracking().Where(p => p.IdNumber == idNumber).Select(p => new { p.Id, p.DivisionCode }).FirstOrDefaultAsync(ct);
        return p is null ? null : (p.Id, p.DivisionCode);
    }

    // Admission happens in the treatment module (in a hospital anywhere): read from the patients of cases the caller sees.
    public async Task<Dictionary<Guid, DateTime>> AdmissionsAsync(IEnumerable<Guid?> patientIds, CancellationToken ct)
    {
        var admissions = new Dictionary<Guid, DateTime>();
        foreach (var chunk in patientIds.OfType<Guid>().Distinct().Chunk(1000))
            foreach (var p in await System.Patients.AsNoTracking().Where(p => chunk.Contains(p.Id) && p.AdmittedAt != null)
                         .Select(p => new { p.Id, p.AdmittedAt }).ToListAsync(ct))
                admissions[p.Id] = p.AdmittedAt!.Value;
        return admissions;
    }

    // The person's contacts still under control, in any district, newest first: the one who turns positive closes them all.
    public Task<List<OpenContactRow>> OpenContactsOfAsync(Guid personId, CancellationToken ct) =>
        System.Contacts.AsNoTracking()
            .Where(c => c.PersonId == personId && (c.Status == ContactStatus.Identified || c.Status == ContactStatus.Quarantined))
            .OrderByDescending(c => c.IdentifiedAt)
            .Select(c => new OpenContactRow(c.Id, c.CaseId, c.Kind, c.ViaContactId, c.QuarantineStart, c.IdentifiedAt)).ToListAsync(ct);

    public async Task<Guid?> ResultCaseOfContactAsync(Guid contactId, CancellationToken ct) =>
        await System.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.ResultCaseId).FirstOrDefaultAsync(ct);

    // After the new case is saved: the person's contact records (on whichever side) close with it and
    // their remaining follow-ups are cancelled.
    public async Task ContactsTurnedPositiveAsync(IReadOnlyCollection<Guid> contactIds, Guid caseId, DateTime now, CancellationToken ct)
    {
        if (contactIds.Count == 0) return;
        var db = System;
        foreach (var c in await db.Contacts.Where(c => contactIds.Contains(c.Id)
                     && (c.Status == ContactStatus.Identified || c.Status == ContactStatus.Quarantined)).ToListAsync(ct))
            c.TurnedPositive(caseId, now);
        foreach (var f in await db.FollowUps.Where(f => contactIds.Contains(f.ContactId) && f.DoneAt == null && !f.Cancelled).ToListAsync(ct))
            f.Cancel();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    // After a case's source is saved: its descendants, in any district, follow it into the infector's cluster.
    public async Task RechainDescendantsAsync(Guid rootId, Guid clusterId, int generation, DateTime now, CancellationToken ct)
    {
        var db = System;
        var frontier = new Dictionary<Guid, (Guid Cluster, int Generation)> { [rootId] = (clusterId, generation) };
        var seen = new HashSet<Guid> { rootId };
        while (frontier.Count > 0)
        {
            var ids = frontier.Keys.ToList();
            var children = await db.Cases.Where(x => x.InfectorCaseId != null && ids.Contains(x.InfectorCaseId.Value)).ToListAsync(ct);
            var next = new Dictionary<Guid, (Guid, int)>();
            foreach (var child in children.Where(ch => seen.Add(ch.Id)))
            {
                var parent = frontier[child.InfectorCaseId!.Value];
                child.Rechain(parent.Cluster, parent.Generation + 1, now);
                next[child.Id] = (parent.Cluster, parent.Generation + 1);
            }
            frontier = next;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}

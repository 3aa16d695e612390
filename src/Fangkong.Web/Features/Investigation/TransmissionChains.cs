using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Investigation;

public sealed record ChainNode(string Id, string Label, string Kind, int Generation, string? Category, string? Status, bool Visible, Guid? CaseId);

public sealed record ChainEdge(string Source, string Target, string Kind);

public sealed record ClusterSummary(Guid ClusterId, string RootNumber, int Cases, int Generations, DateTime FirstDetected, DateTime LastDetected,
    int NewLast7Days, int NewPrevious7Days, int OpenContacts);

public sealed record ChainGraph(ClusterSummary Summary, IReadOnlyList<ChainNode> Nodes, IReadOnlyList<ChainEdge> Edges,
    IReadOnlyList<(DateOnly Day, int Cases)> Growth);

public sealed record SourceShare(string DivisionCode, string? Name, int Cases, int UnknownSource, double UnknownShare);

// Infector → infectee links: clusters (a root case and everyone linked below it), generations, size and
// growth, and the share of recent cases whose source is still unknown. A chain crosses districts: nodes
// outside the caller's jurisdiction appear as numbers only, never with personal data.
public sealed class TransmissionChains(FangkongDb db, CurrentUser user, TimeProvider clock, InvestigationPeople people, CrossDistrictLinks links)
{
    public async Task<IReadOnlyList<ClusterSummary>> ClustersAsync(string division, int minCases, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Clusters touching the division through a confirmed case the caller sees — read in the caller's
        // scope, so a division outside it touches nothing — then sized across districts (link fields only).
        var touching = await db.Cases.AsNoTracking().Where(c => c.DivisionCode.StartsWith(division) && c.Category == CaseCategory.Confirmed)
            .Select(c => c.ClusterId).Distinct().ToListAsync(ct);
        var rows = (await links.ClusterRowsAsync(touching, minCases, now, ct))
            .OrderByDescending(g => g.Last7).ThenByDescending(g => g.Count).Take(500).ToList();
        var stats = new List<ClusterSummary>();
        foreach (var chunk in rows.Chunk(500))
        {
            var ids = chunk.Select(r => r.Id).ToList();
            var roots = await links.NumbersAsync(ids, ct);
            var (members, perCase) = await links.ClusterMembersAsync(ids, ct);
            var clusterOf = members.ToDictionary(m => m.Id, m => m.ClusterId);
            var contacts = perCase.GroupBy(p => clusterOf[p.Key]).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
            stats.AddRange(chunk.Select(r => new ClusterSummary(r.Id, roots.GetValueOrDefault(r.Id) ?? "?", r.Count, r.MaxGeneration, r.First, r.Last,
                r.Last7, r.Previous7, contacts.GetValueOrDefault(r.Id))));
        }
        return stats.OrderByDescending(s => s.NewLast7Days).ThenByDescending(s => s.Cases).ToList();
    }

    // The cluster's graph, if the caller can see at least one of its cases.
    public async Task<ChainGraph?> GraphAsync(Guid clusterId, bool withContacts, CancellationToken ct)
    {
        var chain = await links.ClusterAsync(clusterId, ct);
        if (chain.Count == 0 || !chain.Any(c => user.Jurisdiction.CoversDivision(c.DivisionCode))) return null;
        // Person, status and source of the cases the caller sees; the rest of the chain is link fields only.
        var visibleIds = chain.Where(c => user.Jurisdiction.CoversDivision(c.DivisionCode)).Select(c => c.Id).ToList();
        var seen = await db.Cases.AsNoTracking().Where(c => visibleIds.Contains(c.Id)).Select(c => new { c.Id, c.PersonId, c.Status }).ToDictionaryAsync(c => c.Id, ct);
        var cases = chain.Select(l => new
        {
            l.Id, l.Number, l.Category, l.DetectedAt, l.DivisionCode, l.Generation, l.InfectorCaseId,
            PersonId = seen.TryGetValue(l.Id, out var s) ? s.PersonId : Guid.Empty,
            Status = seen.TryGetValue(l.Id, out var t) ? t.Status.ToString() : null,
        }).ToList();
        var masked = await people.MaskedAsync(cases.Where(c => user.Jurisdiction.CoversDivision(c.DivisionCode)).Select(c => c.PersonId), ct);
        var nodes = cases.Select(c =>
        {
            var visible = user.Jurisdiction.CoversDivision(c.DivisionCode);
            var label = visible && masked.TryGetValue(c.PersonId, out var p) ? $"{c.Number}\n{p.Name}" : c.Number;
            return new ChainNode(c.Id.ToString(), label, "case", c.Generation, c.Category.ToString(), visible ? c.Status : null, visible, visible ? c.Id : null);
        }).ToList();
        var edges = cases.Where(c => c.InfectorCaseId is not null).Select(c => new ChainEdge(c.InfectorCaseId!.Value.ToString(), c.Id.ToString(), "infection")).ToList();
        var caseIds = cases.Select(c => c.Id).ToList();
        var openContacts = 0;
        if (withContacts)
        {
            var contacts = await db.Contacts.AsNoTracking().Where(x => caseIds.Contains(x.CaseId) && x.Status != ContactStatus.TurnedPositive).ToListAsync(ct);
            var generationOf = cases.ToDictionary(c => c.Id, c => c.Generation);
            foreach (var x in contacts)
            {
                nodes.Add(new ChainNode(x.Id.ToString(), x.Kind == ContactKind.Close ? "密接" : "次密接", x.Kind == ContactKind.Close ? "contact" : "secondary",
                    generationOf[x.CaseId] + (x.Kind == ContactKind.Close ? 1 : 2), null, x.Status.ToString(), true, null));
                edges.Add(new ChainEdge(x.Kind == ContactKind.Secondary && x.ViaContactId is { } via && contacts.Any(v => v.Id == via) ? via.ToString() : x.CaseId.ToString(),
                    x.Id.ToString(), "contact"));
            }
            openContacts = contacts.Count(x => x.UnderControl);
        }
        var confirmed = cases.Where(c => c.Category == CaseCategory.Confirmed).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var root = cases.FirstOrDefault(c => c.Id == clusterId) ?? cases[0];
        var summary = new ClusterSummary(clusterId, root.Number, confirmed.Count, confirmed.Count == 0 ? 0 : confirmed.Max(c => c.Generation),
            cases.Min(c => c.DetectedAt), cases.Max(c => c.DetectedAt), confirmed.Count(c => c.DetectedAt >= now.AddDays(-7)),
            confirmed.Count(c => c.DetectedAt < now.AddDays(-7) && c.DetectedAt >= now.AddDays(-14)), openContacts);
        var growth = confirmed.GroupBy(c => DateOnly.FromDateTime(Platform.Localization.ChinaTime.FromUtc(c.DetectedAt)))
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        return new ChainGraph(summary, nodes, edges, growth);
    }

    // Share of confirmed cases of the last `days` days whose source is still unknown, per child division.
    public async Task<IReadOnlyList<SourceShare>> UnknownSourceAsync(string division, int days, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var length = Core.Divisions.DivisionCodes.ChildLength(division);
        var rows = await db.Cases.AsNoTracking().Where(c => c.DivisionCode.StartsWith(division) && c.Category == CaseCategory.Confirmed && c.DetectedAt >= since)
            .GroupBy(c => c.DivisionCode.Substring(0, length))
            .Select(g => new { Code = g.Key, Cases = g.Count(), Unknown = g.Count(c => c.InfectorCaseId == null && c.SourceNote == null) }).ToListAsync(ct);
        var codes = rows.Select(r => r.Code).ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        return rows.Select(r => new SourceShare(r.Code, names.GetValueOrDefault(r.Code), r.Cases, r.Unknown, r.Cases == 0 ? 0 : Math.Round((double)r.Unknown / r.Cases, 3)))
            .OrderByDescending(r => r.UnknownShare).ThenByDescending(r => r.Cases).ToList();
    }
}

using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Investigation;

public enum FourCategory { Confirmed = 1, Suspected = 2, Fever = 3, CloseContact = 4 }

// Where the people of one category stand: waiting to be isolated, isolated and waiting for the next
// step (admission for confirmed cases, a ruling for suspected and fever cases), and done; how long
// those still waiting have waited (median and longest, hours), and how many are past the target.
public sealed record StageCounts(int Total, int AwaitingIsolation, int AwaitingNext, int Done, double? MedianWaitHours, double? LongestWaitHours, int Overdue);

public sealed record FourCategoriesRow(string DivisionCode, string? Name, IReadOnlyDictionary<FourCategory, StageCounts> Categories)
{
    public int Overdue => Categories.Values.Sum(c => c.Overdue);
}

public sealed record OverduePerson(FourCategory Category, Guid Id, Guid? CaseId, string Number, string DivisionCode, string Step, double WaitedHours);

public sealed record FourCategoriesBoard(string Division, DateTime AsOf, FourCategoriesRow Total, IReadOnlyList<FourCategoriesRow> Rows,
    IReadOnlyList<OverduePerson> OverdueList, InvestigationOptions Targets);

// 四类人员 — confirmed, suspected, fever not ruled out, close contacts — per child division of the
// caller's view: "应收尽收、应隔尽隔" in numbers. Open records only (active cases, contacts under
// control): a few columns each, read once; the waits are computed from their stage times.
public sealed class FourCategories(FangkongDb db, TimeProvider clock, IOptions<InvestigationOptions> options, CrossDistrictLinks links)
{
    public async Task<FourCategoriesBoard> BoardAsync(string division, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var length = Core.Divisions.DivisionCodes.ChildLength(division);
        var cases = await db.Cases.AsNoTracking().Where(c => c.DivisionCode.StartsWith(division) && c.Status == CaseStatus.Active)
            .Select(c => new { c.Id, c.Number, c.DivisionCode, c.Category, c.DetectedAt, c.IsolatedAt, c.PatientId }).ToListAsync(ct);
        var admissions = await links.AdmissionsAsync(cases.Select(c => c.PatientId), ct);
        // Quarantined contacts are done with their step: counted in the database; only those still
        // waiting for quarantine (few) are read, for their waits.
        var closeContacts = db.Contacts.AsNoTracking().Where(c => c.ResidenceDivisionCode.StartsWith(division) && c.Kind == ContactKind.Close);
        var contacts = await closeContacts.Where(c => c.Status == ContactStatus.Identified)
            .Select(c => new { c.Id, c.CaseId, c.ResidenceDivisionCode, c.IdentifiedAt, c.QuarantineStart }).ToListAsync(ct);
        var quarantined = await closeContacts.Where(c => c.Status == ContactStatus.Quarantined)
            .GroupBy(c => c.ResidenceDivisionCode.Substring(0, length)).Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, ct);

        // (category, division, stage start, stage done, target hours, step name)
        var items = new List<(FourCategory Category, Guid Id, Guid? CaseId, string Number, string Division, DateTime Since, bool Isolated, bool Finished, double Target, string Step)>();
        foreach (var c in cases)
        {
            var category = c.Category switch { CaseCategory.Confirmed => FourCategory.Confirmed, CaseCategory.Suspected => FourCategory.Suspected, _ => FourCategory.Fever };
            var admitted = c.PatientId is { } p && admissions.TryGetValue(p, out var a) ? a : (DateTime?)null;
            if (c.IsolatedAt is null && admitted is null)
                items.Add((category, c.Id, c.Id, c.Number, c.DivisionCode, c.DetectedAt, false, false, o.IsolateWithinHours, "isolation"));
            else if (category == FourCategory.Confirmed)
                items.Add((category, c.Id, c.Id, c.Number, c.DivisionCode, c.IsolatedAt ?? admitted!.Value, true, admitted is not null, o.AdmitWithinHours, "admission"));
            else
                items.Add((category, c.Id, c.Id, c.Number, c.DivisionCode, c.DetectedAt, true, false, o.ResolveSuspectedWithinHours, "ruling"));
        }
        foreach (var c in contacts)
            items.Add((FourCategory.CloseContact, c.Id, c.CaseId, "", c.ResidenceDivisionCode, c.IdentifiedAt, false, false, o.ContactQuarantineWithinHours, "quarantine"));

        StageCounts Count(IEnumerable<(FourCategory Category, Guid Id, Guid? CaseId, string Number, string Division, DateTime Since, bool Isolated, bool Finished, double Target, string Step)> group)
        {
            var list = group.ToList();
            var waits = list.Where(i => !i.Finished).Select(i => (now - i.Since).TotalHours).OrderBy(h => h).ToList();
            return new StageCounts(list.Count, list.Count(i => !i.Isolated), list.Count(i => i.Isolated && !i.Finished), list.Count(i => i.Finished),
                waits.Count == 0 ? null : Math.Round(waits[waits.Count / 2], 1), waits.Count == 0 ? null : Math.Round(waits[^1], 1),
                list.Count(i => !i.Finished && (now - i.Since).TotalHours > i.Target));
        }
        IReadOnlyDictionary<FourCategory, StageCounts> All(IEnumerable<(FourCategory Category, Guid Id, Guid? CaseId, string Number, string Division, DateTime Since, bool Isolated, bool Finished, double Target, string Step)> subset, int quarantinedContacts) =>
            Enum.GetValues<FourCategory>().ToDictionary(k => k, k =>
            {
                var counts = Count(subset.Where(i => i.Category == k));
                return k == FourCategory.CloseContact ? counts with { Total = counts.Total + quarantinedContacts, Done = counts.Done + quarantinedContacts } : counts;
            });

        var groups = items.GroupBy(i => i.Division.Length >= length ? i.Division[..length] : i.Division).ToDictionary(g => g.Key, g => g.ToList());
        var codes = groups.Keys.Union(quarantined.Keys).ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var rows = codes.Select(code => new FourCategoriesRow(code, names.GetValueOrDefault(code), All(groups.GetValueOrDefault(code) ?? [], quarantined.GetValueOrDefault(code))))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.DivisionCode).ToList();
        var overdue = items.Where(i => !i.Finished && (now - i.Since).TotalHours > i.Target)
            .OrderByDescending(i => (now - i.Since).TotalHours - i.Target).Take(200)
            .Select(i => new OverduePerson(i.Category, i.Id, i.CaseId, i.Number, i.Division, i.Step, Math.Round((now - i.Since).TotalHours, 1))).ToList();
        var totalName = await db.Divisions.AsNoTracking().Where(d => d.Code == division).Select(d => d.Name).FirstOrDefaultAsync(ct);
        return new FourCategoriesBoard(division, now, new FourCategoriesRow(division, totalName, All(items, quarantined.Values.Sum())), rows, overdue, o);
    }
}

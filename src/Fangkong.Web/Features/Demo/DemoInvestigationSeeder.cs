using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Features.RiskAreas;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// A few investigations in the demo city, played through the module's own services on a drill clock
// set to each event's time (so chains, follow-ups, stage times and surveillance counts are what the
// platform would have made on those days): three clusters of two or three generations with their
// close contacts in quarantine and followed up, some sporadic cases whose source is still unknown,
// suspected and fever cases waiting at their steps; then today's risk levels. Fixed seed; idempotent.
public sealed class DemoInvestigationSeeder(FangkongDb db, JurisdictionContext jurisdiction, IServiceProvider services, AreaRiskService risk, TimeProvider clock)
{
    private sealed class DrillClock(DateTime start) : TimeProvider
    {
        public DateTime Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "马", "胡", "郭"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "建华"];
    private static readonly string[] Exposures = ["同住家庭成员", "同一办公室，未戴口罩", "同车通勤", "同一餐桌就餐", "同一楼道，多次近距离交谈", "棋牌室同桌"];
    private static readonly string[] Places = ["社区菜市场", "地铁站", "超市", "棋牌室", "社区卫生服务中心", "快递驿站", "餐馆"];

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.Cases.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        jurisdiction.Current = Jurisdiction.System;
        var committees = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Committee && d.Code.StartsWith(cityCode))
            .OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        if (committees.Count == 0) return 0;
        var rng = new Random(2022);
        var now = clock.GetUtcNow().UtcDateTime;
        var drill = new DrillClock(now);
        var people = ActivatorUtilities.CreateInstance<InvestigationPeople>(services, drill);
        var counts = ActivatorUtilities.CreateInstance<LineListCounts>(services, drill);
        counts.Enabled = false;
        var cases = ActivatorUtilities.CreateInstance<CaseDesk>(services, drill, people, counts);
        var tracing = ActivatorUtilities.CreateInstance<ContactTracing>(services, drill, people, cases);
        var rows = 0;

        // Clusters rooted 9, 6 and 3 days ago, each within one street (neighbours infect neighbours).
        foreach (var daysAgo in new[] { 9, 6, 3 })
        {
            var home = committees[rng.Next(committees.Count)];
            var street = committees.Where(c => c.StartsWith(home[..9])).ToList();
            drill.Now = now.AddDays(-daysAgo).AddHours(-rng.Next(1, 10));
            var root = await cases.OpenCoreAsync(await PersonAsync(rng, home, ct), home, CaseCategory.Confirmed, Severity.Mild, null,
                drill.Now, DetectionRoute.FeverClinic, null, "epi", ct);
            root.Isolate(drill.Now.AddHours(rng.Next(2, 6)), drill.Now);
            rows += 1 + await ExposuresAsync(rng, root, street, ct);
            var generation = new List<Case> { root };
            for (var g = 2; g <= (daysAgo >= 6 ? 3 : 2); g++)
            {
                var next = new List<Case>();
                foreach (var infector in generation)
                {
                    var contacts = new List<Guid>();
                    // The investigation names the contacts within hours of the case.
                    drill.Now = infector.DetectedAt.AddHours(rng.Next(3, 10));
                    for (var i = 0; i < 3 + rng.Next(4); i++)
                    {
                        var residence = street[rng.Next(street.Count)];
                        var added = await tracing.AddAsync(infector.Id, new ContactInput(await PersonAsync(rng, residence, ct), null, null, null, residence,
                            nameof(ContactKind.Close), null, Exposures[rng.Next(Exposures.Length)], infector.DetectedAt.AddHours(-rng.Next(2, 30)),
                            nameof(QuarantineKind.Home), null, true), ct);
                        if (added is Platform.Api.WriteOutcome<ContactView>.Done { Value: var c }) { contacts.Add(c.Id); rows++; }
                    }
                    // One or two of each case's contacts turn positive at a follow-up test a few days later;
                    // the others' follow-ups are done day by day up to yesterday (today's are still due).
                    var positives = contacts.Take(1 + rng.Next(2)).ToList();
                    foreach (var contactId in contacts)
                    {
                        var positiveOn = positives.Contains(contactId) ? infector.DetectedAt.AddDays(1 + rng.Next(2)) : DateTime.MaxValue;
                        foreach (var followUp in await db.FollowUps.Where(f => f.ContactId == contactId).OrderBy(f => f.Day).ToListAsync(ct))
                        {
                            drill.Now = Platform.Localization.ChinaTime.ToUtc(followUp.Day.ToDateTime(new TimeOnly(9 + rng.Next(8), rng.Next(60))));
                            if (drill.Now > now.AddHours(-12) || rng.Next(25) == 0) continue;
                            var positive = drill.Now >= positiveOn;
                            var done = await tracing.RecordFollowUpAsync(followUp.Id, new FollowUpInput(positive && rng.Next(2) == 0, null,
                                36.2m + rng.Next(8) / 10m, followUp.TestDue || positive ? (positive ? nameof(TestOutcome.Positive) : nameof(TestOutcome.Negative)) : null), ct);
                            rows++;
                            if (positive && done is Platform.Api.WriteOutcome<ContactView>.Done { Value: { ResultCaseId: { } caseId } })
                            {
                                next.Add(await db.Cases.FirstAsync(c => c.Id == caseId, ct));
                                break;
                            }
                        }
                    }
                }
                foreach (var done in generation.Where(c => now - c.DetectedAt > TimeSpan.FromDays(2)))
                    done.CompleteInvestigation("已完成流调：轨迹已核实，密接均已落地管控。", done.DetectedAt.AddHours(20));
                await db.SaveChangesAsync(ct);
                generation = next;
            }
        }

        // Sporadic cases (source still unknown), and suspected and fever cases at their first step.
        for (var i = 0; i < 8; i++)
        {
            var home = committees[rng.Next(committees.Count)];
            drill.Now = now.AddDays(-rng.Next(0, 12)).AddHours(-rng.Next(1, 12));
            var opened = await cases.OpenCoreAsync(await PersonAsync(rng, home, ct), home, CaseCategory.Confirmed, Severity.Mild, null,
                drill.Now, DetectionRoute.Screening, null, null, ct);
            if (rng.Next(3) > 0) opened.Isolate(opened.DetectedAt.AddHours(rng.Next(1, 8)), drill.Now);
            rows++;
        }
        foreach (var category in new[] { CaseCategory.Suspected, CaseCategory.Suspected, CaseCategory.Fever, CaseCategory.Fever, CaseCategory.Fever })
        {
            var home = committees[rng.Next(committees.Count)];
            drill.Now = now.AddHours(-rng.Next(1, 20));
            await cases.OpenCoreAsync(await PersonAsync(rng, home, ct), home, category, null, null, drill.Now, DetectionRoute.FeverClinic, null, "epi", ct);
            rows++;
        }
        await db.SaveChangesAsync(ct);
        await risk.ComputeAsync(ChinaTime(now), cityCode, ct);
        return rows;
    }

    private static DateOnly ChinaTime(DateTime utc) => DateOnly.FromDateTime(Platform.Localization.ChinaTime.FromUtc(utc));

    private async Task<int> ExposuresAsync(Random rng, Case c, List<string> street, CancellationToken ct)
    {
        for (var i = 0; i < 3; i++)
        {
            var from = c.DetectedAt.AddDays(-3 + i).AddHours(rng.Next(8, 18));
            db.CaseExposures.Add(new CaseExposure(Guid.CreateVersion7(), c, ExposureKind.Visit, Places[rng.Next(Places.Length)], street[rng.Next(street.Count)],
                from, from.AddMinutes(30 + rng.Next(90)), null, "epi", clock.GetUtcNow().UtcDateTime));
        }
        await db.SaveChangesAsync(ct);
        return 3;
    }

    // A resident of `committee` on the People register, with a valid GB 11643 number from the region.
    private async Task<Guid> PersonAsync(Random rng, string committee, CancellationToken ct)
    {
        while (true)
        {
            var birth = new DateOnly(1940 + rng.Next(70), 1 + rng.Next(12), 1 + rng.Next(28));
            var first17 = $"{committee[..6]}{birth:yyyyMMdd}{rng.Next(1000):D3}";
            var number = first17 + ResidentIdNumber.CheckDigit(first17);
            // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
            if (await db.People.IgnoreQueryFilters().AnyAsync(p => p.IdNumber == number, ct)) continue;
            var check = ResidentIdNumber.Check(number, _ => true, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            var person = People.Person.Register(Guid.CreateVersion7(), Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)], check.Value!,
                $"13{rng.Next(100_000_000, 999_999_999)}", null, committee, clock.GetUtcNow().UtcDateTime);
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
            return person.Id;
        }
    }
}

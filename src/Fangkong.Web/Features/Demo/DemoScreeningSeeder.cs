using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Screening;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// One finished screening round over one street of the demo city (徐汇区's first street): a sampling
// point per committee, 10-in-1 pools covering most residents of the first committees and none of the
// last (so the completion table has an uncovered committee), one positive pool whose members are under
// control with retests scheduled, one retest already back negative. Through the real result path, so
// the people, controls and retests are what a lab's upload would make. Small, deterministic, idempotent.
public sealed class DemoScreeningSeeder(FangkongDb db, PositivePools pools, TimeProvider clock)
{
    public const int Pools = 12;

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.ScreeningRounds.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        var district = cityCode == "3101" ? "310104" : null;
        var street = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Street && d.Code.StartsWith(district ?? cityCode)).OrderBy(d => d.Code).Select(d => d.Code).FirstOrDefaultAsync(ct);
        if (street is null) return 0;
        var committees = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Committee && d.Code.StartsWith(street))
            .OrderBy(d => d.Code).Select(d => d.Code).Take(4).ToListAsync(ct);
        if (committees.Count == 0) return 0;

        var now = clock.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(now.AddHours(8)).AddDays(-2);
        var deadline = DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(18, 0)).AddHours(-8), DateTimeKind.Utc);
        var round = ScreeningRound.Open(street, "演示：街道全员核酸筛查 / demo street-wide screening", day, deadline, 10, "demo", deadline.AddDays(-1));
        db.ScreeningRounds.Add(round);
        await db.SaveChangesAsync(ct);

        var points = committees.Select((c, i) => SamplingPoint.Set(DeterministicGuid(i), $"DEMO-P{i + 1:D2}", $"第{i + 1}采样点", c, null, null,
            new TimeOnly(7, 0), new TimeOnly(19, 0), deadline.AddDays(-1))).ToList();
        db.SamplingPoints.AddRange(points);

        var rng = new Random(20220401);
        var names = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".ToCharArray();
        var given = new[] { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明" };
        var tubes = new List<Tube>();
        // The last committee sends nobody: it shows up as uncovered.
        var sampledCommittees = committees.Count > 1 ? committees.Take(committees.Count - 1).ToList() : committees;
        for (var p = 0; p < Pools; p++)
        {
            var ci = p % sampledCommittees.Count;
            var committee = sampledCommittees[ci];
            var code = $"DEMO{day:yyyyMMdd}{p + 1:D4}";
            var collected = deadline.AddHours(-10 + p % 8);
            var tube = Tube.Collected(code, round.Id, committee[..6], points[ci].Id, TubeKind.Pool, collected);
            db.Tubes.Add(tube);
            tubes.Add(tube);
            for (var m = 0; m < 10; m++)
            {
                var birth = new DateOnly(1940 + rng.Next(70), 1 + rng.Next(12), 1 + rng.Next(28));
                var first17 = $"{committee[..6]}{birth:yyyyMMdd}{rng.Next(1000):D3}";
                var id = first17 + ResidentIdNumber.CheckDigit(first17);
                var name = $"{names[rng.Next(names.Length)]}{given[rng.Next(given.Length)]}";
                db.SamplingRecords.Add(new SamplingRecord(committee[..6], round.Id, code, id, name, $"139{rng.Next(10_000_000, 99_999_999)}", committee));
            }
        }
        await db.SaveChangesAsync(ct);

        // Results: every pool negative except one.
        var positive = tubes[3];
        foreach (var tube in tubes)
            tube.Record(tube == positive ? TubeResult.Positive : TubeResult.Negative, deadline.AddHours(3), "演示检测实验室");
        await db.SaveChangesAsync(ct);
        var followed = await pools.FollowAsync([positive], deadline.AddHours(3), ct);
        await db.SaveChangesAsync(ct);
        await pools.ReportAsync(followed, ct);
        // The first retest came back negative; the others are still awaited.
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var firstRetest = await db.Tubes.IgnoreQueryFilters().Where(t => t.RetestOf == positive.Code).OrderBy(t => t.Code).FirstAsync(ct);
        firstRetest.Record(TubeResult.Negative, deadline.AddHours(20), "演示检测实验室");
        await db.SaveChangesAsync(ct);
        var cleared = await pools.FollowAsync([firstRetest], deadline.AddHours(20), ct);
        await db.SaveChangesAsync(ct);
        await pools.ReportAsync(cleared, ct);
        round.Close(deadline.AddHours(1));
        await db.SaveChangesAsync(ct);
        return Pools * 10;
    }

    private static Guid DeterministicGuid(int i) => new($"5c4ee000-0000-4000-8000-{i + 1:D12}");
}

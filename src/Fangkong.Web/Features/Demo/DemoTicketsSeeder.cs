using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Tickets;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Demo;

// A month of 12345 hotline tickets in the demo city: a few hundred, from a fixed seed, spread over
// the city's streets, with each district leaning towards one problem so the analysis has something
// to show. Old tickets were answered and rated (some late, a few escalated); recent ones are still
// open, and some of those are already overdue. Idempotent.
public sealed class DemoTicketsSeeder(FangkongDb db, IOptions<TicketOptions> options, TimeProvider clock, ILogger<DemoTicketsSeeder> logger)
{
    public const int Count = 360;
    private const int Days = 30;

    private static readonly Dictionary<TicketCategory, string[]> Texts = new()
    {
        [TicketCategory.MedicalHelp] = ["老人高烧不退，需要就医，小区封控无法出门", "孕妇产检需外出就医，请协调转运", "透析病人需按时去医院，请安排车辆", "孩子急性腹痛，求助就医通道"],
        [TicketCategory.Medicine] = ["高血压药快吃完了，药店无法配送", "糖尿病患者胰岛素告急，请协助配药", "需要长期服用的精神类药物断供", "退烧药买不到，家中有发热病人"],
        [TicketCategory.DailySupplies] = ["小区已封控三天，家中缺米缺菜", "团购物资迟迟未送达", "婴儿奶粉和尿不湿短缺", "独居老人无法线上抢菜，请帮助"],
        [TicketCategory.LockdownManagement] = ["封控期限到期仍未解封，询问原因", "楼道消杀不及时，垃圾无人清运", "隔离人员与非隔离人员混住", "门岗管理过严，医护人员无法上班"],
        [TicketCategory.Testing] = ["核酸结果迟迟未出", "抗原检测试剂未发放", "上门采样漏采，家中有行动不便老人", "核酸检测点排队时间过长、聚集"],
        [TicketCategory.Other] = ["宠物无人照看，请求帮助", "物业电话打不通", "外地滞留人员求助住宿", "居委会志愿者态度问题"],
    };

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.Tickets.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        var streets = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Street && d.Code.StartsWith(cityCode))
            .OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        if (streets.Count == 0) return 0;
        var districts = streets.Select(s => s[..6]).Distinct().Order(StringComparer.Ordinal).ToList();

        var rng = new Random(12345);
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = Enum.GetValues<TicketCategory>();
        var departments = options.Value.Departments;
        for (var n = 0; n < Count; n++)
        {
            // Pick a district first (so small ones appear), then one of its streets.
            var district = districts[rng.Next(districts.Count)];
            var inDistrict = streets.Where(s => s.StartsWith(district, StringComparison.Ordinal)).ToList();
            var place = inDistrict[rng.Next(inDistrict.Count)];
            var category = PickCategory(rng, districts.IndexOf(district), categories);
            var urgent = rng.NextDouble() < (category is TicketCategory.MedicalHelp or TicketCategory.Medicine ? 0.6 : 0.15);
            var urgency = urgent ? TicketUrgency.Urgent : TicketUrgency.Normal;
            var created = now.AddMinutes(-rng.Next(10, Days * 24 * 60));
            var department = rng.NextDouble() < 0.2 ? departments[rng.Next(departments.Count)] : null;
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            var id = new Guid(bytes);
            var text = Texts[category][rng.Next(Texts[category].Length)];
            var ticket = Ticket.Open(id, TicketDesk.NumberFor(id, created), category, place, text, urgency,
                created + options.Value.AllowedTime(urgency), department, "hotline", created);
            db.Tickets.Add(ticket);
            db.TicketEntries.Add(new TicketEntry(ticket, TicketEntryKind.Created, null, "hotline", created));

            // Time to answer: mostly within the deadline, about one in five late.
            var allowed = options.Value.AllowedTime(urgency);
            var answerIn = TimeSpan.FromMinutes(allowed.TotalMinutes * (rng.NextDouble() < 0.2 ? 1.1 + rng.NextDouble() : 0.2 + 0.7 * rng.NextDouble()));
            var replyAt = created + answerIn * 0.5;
            if (replyAt < now)
            {
                ticket.Replied(replyAt);
                db.TicketEntries.Add(new TicketEntry(ticket, TicketEntryKind.Reply, "已联系居民，正在协调处理", "street", replyAt));
            }
            var late = created + allowed < now && created + answerIn > created + allowed;
            if (late && rng.NextDouble() < 0.5)
            {
                var at = created + allowed + TimeSpan.FromMinutes(10);
                if (at < now)
                {
                    ticket.EscalateToDistrict(at);
                    db.TicketEntries.Add(new TicketEntry(ticket, TicketEntryKind.Escalated, "超时未办结，升级至区", "system", at));
                }
            }
            var closeAt = created + answerIn;
            if (closeAt < now && rng.NextDouble() < 0.9)
            {
                var satisfaction = late ? 1 + rng.Next(3) : 3 + rng.Next(3);
                ticket.Close(satisfaction, closeAt);
                db.TicketEntries.Add(new TicketEntry(ticket, TicketEntryKind.Closed, "已办结", "street", closeAt));
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Seeded {Count} demo hotline tickets.", Count);
        return Count;
    }

    // Shared base weights, with each district leaning towards one category.
    private static TicketCategory PickCategory(Random rng, int districtIndex, TicketCategory[] categories)
    {
        int[] weights = [18, 22, 30, 15, 10, 5];
        weights[districtIndex % 5] += 25;
        var roll = rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return categories[i];
            roll -= weights[i];
        }
        return TicketCategory.Other;
    }
}

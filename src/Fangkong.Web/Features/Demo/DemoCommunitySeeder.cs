using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.Community.GroupOrders;
using Fangkong.Web.Features.Community.KeyPopulations;
using Fangkong.Web.Features.Community.Requests;
using Fangkong.Web.Features.Community.Sharing;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Demo;

// The community's demo data in the last three streets of 徐汇区 (the `xuhui` account's divisions; tests
// work in its first street, so their lists and counts stay their own), from a
// fixed seed: a key-population register of about 3,000 residents with realistic ages, conditions and
// vaccination (graded by the same RiskGrading), some check-ins and one escalated low-SpO2 alert;
// residents' requests in every state and medicine-sharing offers and asks; compounds (QR codes),
// four of them sealed, with two suppliers' packages (one priced far above its contents) and group
// orders in every state. ID numbers carry the birth region of other Shanghai districts (静安, 长宁,
// 普陀) and serials 100–499, so they collide neither with the patients seeder's nor with the numbers
// tests make. Idempotent; written in one transaction with change detection off.
public sealed class DemoCommunitySeeder(FangkongDb db, TimeProvider clock, IOptions<RiskGradingOptions> grading, ILogger<DemoCommunitySeeder> logger)
{
    public const int Residents = 3000;
    private const string District = "310104";
    private static readonly string[] BirthRegions = ["310105", "310106", "310107"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "沈"];
    private static readonly string[] Given = ["秀英", "桂兰", "建华", "志强", "玉兰", "凤英", "国华", "金宝", "阿娣", "伟", "芳", "静", "敏", "丽", "强", "洋", "明", "佳怡", "子涵", "一诺"];

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        if (!District.StartsWith(cityCode, StringComparison.Ordinal)) return 0;
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.KeyResidents.IgnoreQueryFilters().AnyAsync(k => k.DistrictCode == District, ct)) return 0;
        var streets = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Street && d.ParentCode == District)
            .OrderByDescending(d => d.Code).Select(d => d.Code).Take(3).ToListAsync(ct);
        var committees = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Committee && streets.Contains(d.ParentCode!))
            .OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        if (committees.Count == 0) return 0;

        var rng = new Random(20221);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var rows = SeedRegister(rng, committees, now, today);
            rows += await SeedRequestsAndSharingAsync(rng, committees, now, ct);
            rows += await SeedGroupOrdersAsync(rng, committees, now, today, cityCode, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            logger.LogInformation("Seeded {Rows} demo community rows ({Residents} key residents) in {Streets}.", rows, Residents, string.Join(", ", streets));
            return rows;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private int SeedRegister(Random rng, List<string> committees, DateTime now, DateOnly today)
    {
        var rows = 0;
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var hours = grading.Value.CheckInHours;
        var alerted = false;
        for (var i = 0; i < Residents; i++)
        {
            var committee = committees[i % committees.Count];
            var roll = rng.NextDouble();
            // About the shape of a Shanghai register: mostly 65–79, a quarter 80+, then the chronically ill
            // under 65, the disabled, pregnant women and infants.
            var (minAge, maxAge, kind) = roll switch
            {
                < 0.55 => (65, 79, "elderly"),
                < 0.80 => (80, 99, "elderly"),
                < 0.88 => (40, 64, "chronic"),
                < 0.93 => (20, 64, "disabled"),
                < 0.96 => (24, 38, "pregnant"),
                _ => (0, 3, "infant"),
            };
            var age = minAge + (int)Math.Floor(Math.Pow(rng.NextDouble(), 1.6) * (maxAge - minAge + 1));
            var birth = today.AddYears(-age).AddDays(-rng.Next(1, 365));
            var female = kind == "pregnant" || rng.NextDouble() < (age >= 80 ? 0.6 : 0.52);
            string number;
            do
            {
                var serial = 100 + rng.Next(200) * 2 + (female ? 0 : 1);
                var first17 = $"{BirthRegions[rng.Next(BirthRegions.Length)]}{birth:yyyyMMdd}{serial:D3}";
                number = first17 + ResidentIdNumber.CheckDigit(first17);
            }
            while (!numbers.Add(number));

            var conditions = new List<string>();
            if (kind is "elderly" or "chronic")
            {
                var boost = kind == "chronic" ? 1.3 : 1.0;
                if (rng.NextDouble() < 0.55 * boost) conditions.Add("hypertension");
                if (rng.NextDouble() < 0.25 * boost) conditions.Add("diabetes");
                if (rng.NextDouble() < 0.15) conditions.Add("heart");
                if (rng.NextDouble() < 0.08) conditions.Add("copd");
                if (rng.NextDouble() < 0.05) conditions.Add("cancer");
                if (rng.NextDouble() < 0.01) conditions.Add("dialysis");
                if (kind == "chronic" && conditions.Count == 0) conditions.Add("diabetes");
            }
            var doses = kind == "infant" ? 0 : Doses(rng, age);
            DateOnly? lastDose = doses == 0 ? null : new DateOnly(2022, 3, 1).AddDays(rng.Next(0, 1300));
            var facts = new KeyResidentFacts(conditions, kind == "pregnant", kind == "disabled" || (age >= 80 && rng.NextDouble() < 0.08),
                age >= 65 && rng.NextDouble() < (age >= 80 ? 0.18 : 0.10), doses, lastDose,
                $"家庭医生 {Surnames[rng.Next(Surnames.Length)]}医生", $"网格员 {Surnames[rng.Next(Surnames.Length)]}{Given[rng.Next(9, 17)]}");
            var grade = RiskGrading.Grade(RiskGrading.Points(RiskGrading.Age(birth, today), facts));
            var interval = hours[Math.Clamp(grade - 1, 0, hours.Length - 1)];
            // Most are due within their interval; about one in twelve is already overdue.
            var due = rng.NextDouble() < 0.08 ? now.AddHours(-1 - rng.Next(30)) : now.AddHours(interval * (0.1 + 0.9 * rng.NextDouble()));
            var name = Surnames[rng.Next(Surnames.Length)] + (kind == "infant" ? Given[17 + rng.Next(3)] : Given[rng.Next(17)]);
            var person = Person.Register(Guid.CreateVersion7(), name, new ResidentId(number, number[..6], birth, female ? Sex.Female : Sex.Male),
                $"139{rng.Next(10_000_000, 99_999_999)}", null, committee, now.AddDays(-30));
            var resident = KeyResident.Register(Guid.CreateVersion7(), person.Id, committee, birth, facts, grade, due, now.AddDays(-30 + rng.Next(20)));
            db.People.Add(person);
            db.KeyResidents.Add(resident);
            rows += 2;

            // The high-risk are called on: one or two recent check-ins within normal range.
            if (grade >= 3 && rng.NextDouble() < 0.3)
            {
                for (var k = 0; k < 1 + rng.Next(2); k++)
                {
                    var at = now.AddHours(-2 - rng.Next(96));
                    db.CheckIns.Add(CheckIn.Record(Guid.CreateVersion7(), resident, rng.NextDouble() < 0.7 ? CheckInMethod.Call : CheckInMethod.Visit,
                        Math.Round(36.1 + rng.NextDouble() * 1.2, 1), 95 + rng.Next(5), null, false, false, "demo", at));
                    rows++;
                }
            }
            // One elder with low oxygen this morning: escalated, waiting for the green channel.
            if (!alerted && age >= 80 && grade == 4)
            {
                var at = now.AddHours(-1);
                var checkIn = CheckIn.Record(Guid.CreateVersion7(), resident, CheckInMethod.Visit, 38.6, 91, "气促、乏力", false, true, "demo", at);
                db.CheckIns.Add(checkIn);
                db.GreenChannelAlerts.Add(GreenChannelAlert.Raise(Guid.CreateVersion7(), resident, checkIn.Id,
                    $"血氧 91% < {grading.Value.SpO2AlertBelow}% / SpO2 below {grading.Value.SpO2AlertBelow}%", "demo", at));
                alerted = true;
                rows += 2;
            }
        }
        return rows;
    }

    // Doses by age, after the 2022 picture: the oldest least covered.
    private static int Doses(Random rng, int age)
    {
        var r = rng.NextDouble();
        return age >= 80
            ? r < 0.35 ? 0 : r < 0.60 ? 1 + rng.Next(2) : r < 0.90 ? 3 : 4
            : age >= 65
                ? r < 0.15 ? 0 : r < 0.35 ? 1 + rng.Next(2) : r < 0.85 ? 3 : 4
                : r < 0.05 ? 0 : r < 0.15 ? 2 : 3;
    }

    private static readonly (RequestKind Kind, string Text)[] RequestTexts =
    [
        (RequestKind.Medicine, "家中老人发烧，需要对乙酰氨基酚"), (RequestKind.Medicine, "需要布洛芬，孩子发热 38.8 度"), (RequestKind.Medicine, "降压药只剩两天的量"),
        (RequestKind.Medicine, "胰岛素快用完了"), (RequestKind.DailyNecessities, "独居老人家中缺米缺油"), (RequestKind.DailyNecessities, "婴儿奶粉和尿不湿不够了"),
        (RequestKind.DailyNecessities, "需要蔬菜和鸡蛋"), (RequestKind.MedicalHelp, "透析病人需要按时去医院"), (RequestKind.MedicalHelp, "孕妇需要产检"),
        (RequestKind.OtherHelp, "宠物猫粮告急"), (RequestKind.OtherHelp, "老人不会用手机抢菜，请帮忙"),
    ];

    private async Task<int> SeedRequestsAndSharingAsync(Random rng, List<string> committees, DateTime now, CancellationToken ct)
    {
        var options = new CommunityRequestsOptions();
        var rows = 0;
        for (var i = 0; i < 40; i++)
        {
            var (kind, text) = RequestTexts[rng.Next(RequestTexts.Length)];
            var urgent = kind is RequestKind.Medicine or RequestKind.MedicalHelp ? rng.NextDouble() < 0.6 : rng.NextDouble() < 0.2;
            var created = now.AddMinutes(-rng.Next(20, 60 * 60));
            var request = ResidentRequest.File(committees[rng.Next(Math.Min(12, committees.Count))], i % 3 == 0 ? RequestChannel.Worker : RequestChannel.QrCode,
                null, kind, urgent, text, $"{1 + rng.Next(12)}号楼", $"{1 + rng.Next(6)}0{1 + rng.Next(4)}", $"139{rng.Next(10_000_000, 99_999_999)}",
                i % 3 == 0 ? "demo" : null, created, created + options.DueWithin(kind, urgent));
            // Older requests moved on; the newest stay open (some of those already overdue).
            var step = (now - created).TotalHours switch { > 40 => 3, > 24 => 2, > 10 => 1, _ => 0 };
            if (step >= 1) request.AssignTo($"志愿者 {Surnames[rng.Next(Surnames.Length)]}师傅", created.AddMinutes(30));
            if (step >= 2) request.MarkDelivered("已送到门口", created.AddHours(3));
            if (step >= 3 && rng.NextDouble() < 0.7) request.ConfirmByResident(created.AddHours(5));
            db.ResidentRequests.Add(request);
            rows++;
        }

        var products = await db.Products.AsNoTracking().Where(p => p.Code == "APAP-500" || p.Code == "IBU-300" || p.Code == "LHQW-24")
            .Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        if (products.Count == 0) return rows;
        var offers = new List<MedicineOffer>();
        for (var i = 0; i < 15; i++)
        {
            var p = products[i % products.Count];
            var offer = MedicineOffer.Record(committees[i % Math.Min(8, committees.Count)], p.Id, p.Name, 1 + rng.Next(3),
                DateOnly.FromDateTime(now).AddDays(90 + rng.Next(400)), $"{1 + rng.Next(12)}号楼 {1 + rng.Next(6)}0{1 + rng.Next(4)}", "demo", now.AddHours(-rng.Next(72)));
            offers.Add(offer);
            db.MedicineOffers.Add(offer);
            rows++;
        }
        for (var i = 0; i < 20; i++)
        {
            var p = products[(i + 1) % products.Count];
            var committee = committees[(i * 5) % Math.Min(12, committees.Count)];
            var ask = MedicineAsk.Record(committee, p.Id, p.Name, 1 + rng.Next(2), rng.NextDouble() < 0.3, rng.NextDouble() < 0.5,
                $"{1 + rng.Next(12)}号楼 {1 + rng.Next(6)}0{1 + rng.Next(4)}", "demo", now.AddHours(-rng.Next(48)));
            // A few were met by a neighbour in the same committee and handed over; the rest still wait
            // and show in the street health centre's need.
            var offer = offers.FirstOrDefault(o => o.DivisionCode == committee && o.ProductId == p.Id && o.Remaining >= ask.Quantity);
            if (offer is not null && i % 3 == 0)
            {
                ask.MatchWith(offer, offer.Take(ask.Quantity, now.AddHours(-2)), now.AddHours(-2));
                ask.HandOver("demo", now.AddHours(-1));
            }
            db.MedicineAsks.Add(ask);
            rows++;
        }
        return rows;
    }

    private static readonly (string Code, string Name, PackageKind Kind, decimal Price, PackageItem[] Items)[] Offer =
    [
        ("VEG-A", "蔬菜包", PackageKind.Vegetables, 39.9m,
            [new("西红柿", 1, "kg", 6m), new("青菜", 1, "kg", 5m), new("土豆", 2, "kg", 3m), new("洋葱", 1, "kg", 4m)]),
        ("MEAT-A", "肉禽蛋包", PackageKind.MeatPoultryEggs, 88m,
            [new("猪肉", 1, "kg", 32m), new("鸡腿", 1, "kg", 24m), new("鸡蛋", 30, "个", 1m)]),
        ("RICE-A", "米面油包", PackageKind.RiceFlourOil, 98m,
            [new("大米", 5, "kg", 6m), new("面粉", 2.5m, "kg", 5m), new("食用油", 1.8m, "L", 30m)]),
        ("BABY-A", "母婴用品包", PackageKind.MotherAndBaby, 168m,
            [new("婴儿配方奶粉", 1, "罐", 128m), new("纸尿裤", 1, "包", 45m)]),
    ];

    private async Task<int> SeedGroupOrdersAsync(Random rng, List<string> committees, DateTime now, DateOnly today, string cityCode, CancellationToken ct)
    {
        // The demo enterprise account is bound to the first enterprise by name; it supplies most orders.
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var suppliers = await db.Facilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.Kind == FacilityKind.Enterprise && f.DivisionCode.StartsWith(cityCode) && !f.DivisionCode.StartsWith("310112"))
            .OrderBy(f => f.Name).Select(f => new { f.Id, f.DivisionCode }).Take(2).ToListAsync(ct);
        if (suppliers.Count == 0) return 0;
        var rows = 0;
        var packages = new List<SupplyPackage>();
        foreach (var (s, index) in suppliers.Select((s, i) => (s, i)))
        {
            foreach (var p in index == 0 ? Offer : Offer.Skip(1).Take(2))
            {
                var package = SupplyPackage.Offer(s.Id, s.DivisionCode, p.Code.Replace("-A", index == 0 ? "-A" : "-B", StringComparison.Ordinal), p.Name, p.Kind,
                    index == 0 ? p.Price : p.Price - 3, p.Items, "demo", now.AddDays(-10));
                packages.Add(package);
                db.SupplyPackages.Add(package);
                rows++;
            }
            db.SupplierCapacities.Add(SupplierCapacity.For(s.Id, s.DivisionCode, index == 0 ? 300 : 150, now.AddDays(-10)));
            rows++;
        }

        string[] labels = ["康健新村", "田林十二村", "漕河泾小区", "华泾绿苑", "龙华小区", "虹梅公寓"];
        var states = new[] { GroupOrderStatus.Completed, GroupOrderStatus.Distributing, GroupOrderStatus.Scheduled, GroupOrderStatus.Confirmed,
            GroupOrderStatus.Submitted, GroupOrderStatus.Collecting };
        for (var c = 0; c < labels.Length; c++)
        {
            var compound = CommunityQrCode.Issue(committees[c * 2 % committees.Count], labels[c], "demo", now.AddDays(-20));
            if (c < 4) compound.Seal("demo", now.AddDays(-(6 - c)).AddHours(-rng.Next(12)));
            db.CommunityQrCodes.Add(compound);
            rows++;

            var supplier = suppliers[c == 5 && suppliers.Count > 1 ? 1 : 0];
            var offered = packages.Where(p => p.SupplierId == supplier.Id).ToList();
            var state = states[c];
            var created = now.AddDays(-(state == GroupOrderStatus.Completed ? 4 : 2)).AddHours(-rng.Next(6));
            var order = GroupOrder.Open(compound.DivisionCode, compound.Id, supplier.Id, supplier.DivisionCode,
                $"{1 + rng.Next(8)}号楼 团长 {Surnames[rng.Next(Surnames.Length)]}阿姨", "demo", created);
            var lines = new List<GroupOrderLine>();
            for (var h = 0; h < 15 + rng.Next(25); h++)
            {
                var line = GroupOrderLine.For(order, offered[rng.Next(offered.Count)], $"{1 + rng.Next(8)}号楼", $"{1 + rng.Next(6)}0{1 + rng.Next(4)}", 1 + rng.Next(2));
                if (lines.Any(l => l.Building == line.Building && l.Room == line.Room && l.PackageId == line.PackageId)) continue;
                lines.Add(line);
            }
            order.RecountLines(lines, created);
            if (state >= GroupOrderStatus.Submitted) order.Submit(created.AddHours(2));
            if (state >= GroupOrderStatus.Confirmed) order.Confirm("demo", created.AddHours(4));
            if (state >= GroupOrderStatus.Scheduled)
            {
                var day = state == GroupOrderStatus.Scheduled ? today.AddDays(1) : today.AddDays(state == GroupOrderStatus.Completed ? -2 : 0);
                var reason = DeliveryScheduling.Reason(new ScheduleCandidate(order.Id, order.Packages, compound.SealedSince, null, created.AddHours(4)), created.AddHours(5));
                order.Schedule(day, state == GroupOrderStatus.Completed ? 0 : 1, reason, created.AddHours(5));
            }
            if (state is GroupOrderStatus.Distributing or GroupOrderStatus.Completed)
            {
                var at = state == GroupOrderStatus.Completed ? now.AddDays(-2) : now.AddHours(-2);
                var handed = state == GroupOrderStatus.Completed ? lines : lines.Take(lines.Count / 2).ToList();
                foreach (var line in handed)
                {
                    var exception = state == GroupOrderStatus.Distributing && line == handed[0] ? "无人在家，已放门口并电话告知" : null;
                    line.Hand(line.Quantity);
                    db.GroupOrderDistributions.Add(GroupOrderDistribution.Record(line, line.Quantity, $"志愿者 {Surnames[rng.Next(Surnames.Length)]}师傅", exception, "demo", at));
                    rows++;
                }
                order.RecordDistribution(lines.All(l => l.Remaining == 0), at);
            }
            db.GroupOrders.Add(order);
            db.GroupOrderLines.AddRange(lines);
            rows += 1 + lines.Count;
        }
        return rows;
    }
}

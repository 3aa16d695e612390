using Fangkong.Core.Divisions;
using Fangkong.Web.Features.Divisions;
using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// Seeds a city for demonstration: its real GB/T 2260 tree with populations, and facilities in
// realistic numbers placed by population. Deterministic (a fixed generator seeded by the city code),
// so two installations of the demo show the same city. The facility names are generated, apart from
// Shanghai's designated hospitals, which are the real ones of 2022.
public sealed class DemoCitySeeder(FangkongDb db, DivisionSeeder divisions, TimeProvider clock, ILogger<DemoCitySeeder> logger)
{
    // Facilities per resident, from Shanghai's published counts (2022): ~1,500 pharmacies, ~250
    // community health centres, 100+ shelter hospitals at the peak (dozens standing), 8 designated hospitals.
    private static readonly (FacilityKind Kind, double PerMillion, int Minimum)[] Density =
    [
        (FacilityKind.GeneralHospital, 6.5, 2),
        (FacilityKind.ShelterHospital, 1.6, 1),
        (FacilityKind.FeverClinic, 10, 3),
        (FacilityKind.Pharmacy, 60.5, 20),
        (FacilityKind.DrugWarehouse, 0.8, 2),
        (FacilityKind.Manufacturer, 0.6, 1),
        (FacilityKind.Enterprise, 12, 10),
        (FacilityKind.QuarantineHotel, 2.4, 2),
    ];

    private static readonly (string Name, string District)[] ShanghaiDesignated =
    [
        ("上海市公共卫生临床中心", "310116"),
        ("复旦大学附属华山医院虹桥院区", "310112"),
        ("上海交通大学医学院附属仁济医院南院", "310112"),
        ("上海市第六人民医院临港院区", "310115"),
        ("上海市第一人民医院南院", "310117"),
        ("上海交通大学医学院附属瑞金医院北部院区", "310114"),
        ("复旦大学附属中山医院", "310104"),
        ("上海交通大学医学院附属新华医院", "310110"),
    ];

    // One transaction: an interrupted seed leaves nothing behind, so running it again completes it.
    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var count = await SeedInTransactionAsync(cityCode, ct);
        await tx.CommitAsync(ct);
        return count;
    }

    private async Task<int> SeedInTransactionAsync(string cityCode, CancellationToken ct)
    {
        await divisions.SeedCityAsync(db, cityCode, ct);
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.Facilities.IgnoreQueryFilters().AnyAsync(f => f.DivisionCode.StartsWith(cityCode), ct))
            return 0;
        var tree = await db.Divisions.AsNoTracking().Where(d => d.CityCode == cityCode).ToListAsync(ct);
        var city = tree.Single(d => d.Code == cityCode);
        var population = city.Population ?? 1_000_000;
        var streets = tree.Where(d => d.Level == DivisionLevel.Street).OrderBy(d => d.Code).ToList();
        var committeesByStreet = tree.Where(d => d.Level == DivisionLevel.Committee).GroupBy(d => d.ParentCode!)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.Code).ToList());
        var names = tree.ToDictionary(d => d.Code, d => d.Name);
        var centres = ProvinceMaps.Centres(cityCode);
        var random = new SplitMix64(ulong.Parse(cityCode, System.Globalization.CultureInfo.InvariantCulture));
        var now = clock.GetUtcNow().UtcDateTime;
        var facilities = new List<Facility>();
        var serial = new Dictionary<(string, FacilityKind), int>();

        Facility Make(FacilityKind kind, string name, Division street, Capacity capacity)
        {
            var committees = committeesByStreet.GetValueOrDefault(street.Code);
            var place = committees is { Count: > 0 } ? committees[random.Next(committees.Count)] : street;
            var district = DivisionCodes.DistrictOf(street.Code);
            (double Lon, double Lat)? centre = centres.TryGetValue(district, out var c) ? c
                : centres.TryGetValue(cityCode + "00", out var cc) ? cc : null;
            var spread = district.EndsWith("15", StringComparison.Ordinal) || district.EndsWith("51", StringComparison.Ordinal) ? 0.12 : 0.04;
            double? lat = centre is { } p ? Math.Round(p.Lat + (random.NextDouble() - 0.5) * spread, 6) : null;
            double? lon = centre is { } q ? Math.Round(q.Lon + (random.NextDouble() - 0.5) * spread, 6) : null;
            var address = $"{names[district]}{street.Name}{(place == street ? "" : place.Name.Replace("居委会", "").Replace("村委会", "村"))}{random.Next(1, 999)}号";
            var phone = cityCode == "3101" ? $"021-{random.Next(5000_0000, 6999_9999)}" : null;
            return Facility.Register(DeterministicId(cityCode, facilities.Count), kind, name, place.Code, address, lat, lon, phone, capacity, now);
        }

        string NextName(FacilityKind kind, Division street, string suffix)
        {
            var key = (street.Code, kind);
            serial[key] = serial.GetValueOrDefault(key) + 1;
            var n = serial[key];
            return $"{names[DivisionCodes.DistrictOf(street.Code)]}{street.Name.Replace("街道", "").Replace("镇", "")}{(n > 1 ? $"第{n}" : "")}{suffix}";
        }

        // Designated hospitals: Shanghai's real eight; elsewhere one per three million residents.
        var designated = cityCode == "3101"
            ? ShanghaiDesignated.Select(h => (h.Name, Street: streets.First(s => s.Code.StartsWith(h.District, StringComparison.Ordinal))))
            : PickStreets(streets, Math.Max(2, (int)Math.Round(population / 3_000_000.0)), random)
                .Select(s => (Name: $"{names[DivisionCodes.DistrictOf(s.Code)]}定点医院", Street: s));
        foreach (var (name, street) in designated)
        {
            var beds = 600 + random.Next(10) * 100;
            facilities.Add(Make(FacilityKind.DesignatedHospital, name, street, new Capacity(Beds: beds, IcuBeds: beds / 10, Ventilators: beds / 15, Employees: beds * 2)));
        }

        // Community health centres: one per street or town, as in Shanghai.
        foreach (var street in streets)
            facilities.Add(Make(FacilityKind.CommunityHealthCentre, $"{names[DivisionCodes.DistrictOf(street.Code)]}{street.Name}社区卫生服务中心", street,
                new Capacity(DailyVisits: 300 + random.Next(700), Beds: random.Next(0, 60), Employees: 60 + random.Next(120))));

        foreach (var (kind, perMillion, minimum) in Density)
        {
            var count = Math.Max(minimum, (int)Math.Round(population / 1_000_000.0 * perMillion));
            foreach (var street in PickStreets(streets, count, random))
                facilities.Add(kind switch
                {
                    FacilityKind.GeneralHospital => Make(kind, NextName(kind, street, "医院"), street, Hospital(random)),
                    FacilityKind.ShelterHospital => Make(kind, NextName(kind, street, "方舱医院"), street, new Capacity(Beds: 500 + random.Next(30) * 100, Employees: 200 + random.Next(400))),
                    FacilityKind.FeverClinic => Make(kind, NextName(kind, street, "发热门诊"), street, new Capacity(DailyVisits: 100 + random.Next(400), Beds: random.Next(5, 30), Employees: 10 + random.Next(40))),
                    FacilityKind.Pharmacy => Make(kind, NextName(kind, street, "大药房"), street, new Capacity(Employees: 3 + random.Next(12))),
                    FacilityKind.DrugWarehouse => Make(kind, NextName(kind, street, "医药物流配送中心"), street, new Capacity(StorageCubicMetres: 5_000 + random.Next(45_000), Employees: 50 + random.Next(300))),
                    FacilityKind.Manufacturer => Make(kind, NextName(kind, street, "制药有限公司"), street, new Capacity(DailyOutputUnits: 100_000 + random.Next(900_000), Employees: 200 + random.Next(2000))),
                    FacilityKind.Enterprise => Make(kind, NextName(kind, street, "实业有限公司"), street, new Capacity(Employees: 50 + random.Next(5000))),
                    FacilityKind.QuarantineHotel => Make(kind, NextName(kind, street, "隔离酒店"), street, new Capacity(IsolationRooms: 80 + random.Next(320), Employees: 20 + random.Next(80))),
                    _ => throw new InvalidOperationException(kind.ToString()),
                });
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in facilities.Chunk(1000))
        {
            db.Facilities.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation("Seeded {Count} demo facilities in city {City}.", facilities.Count, cityCode);
        return facilities.Count;
    }

    private static Capacity Hospital(SplitMix64 random)
    {
        var beds = 200 + random.Next(12) * 100;
        return new Capacity(Beds: beds, IcuBeds: beds / 20, Ventilators: beds / 30, Employees: beds * 2);
    }

    // Streets drawn with probability proportional to their population (equal when unknown).
    private static IEnumerable<Division> PickStreets(IReadOnlyList<Division> streets, int count, SplitMix64 random)
    {
        var weights = streets.Select(s => (double)(s.Population ?? 1)).ToArray();
        var total = weights.Sum();
        for (var i = 0; i < count; i++)
        {
            var target = random.NextDouble() * total;
            var k = 0;
            for (var acc = weights[0]; acc < target && k < weights.Length - 1; acc += weights[++k]) { }
            yield return streets[k];
        }
    }

    private static Guid DeterministicId(string cityCode, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, int.Parse(cityCode, System.Globalization.CultureInfo.InvariantCulture));
        BitConverter.TryWriteBytes(bytes[8..], index);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // mark as a name-based (non-random) identifier
        return new Guid(bytes);
    }
}

// A small, version-independent generator: System.Random's sequence may change between .NET versions.
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}

using Fangkong.Core.Divisions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Features.People;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Data;
using Fangkong.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Demo;

// Two weeks of demo admissions so the bed board and the turnover chart have something to show:
// 360 residents of the demo city (valid GB 11643 numbers, birth years 1935–1949 and 2010–2019 so
// they cannot collide with the numbers tests make), registered, admitted to a ward of the level
// their severity needs, some discharged after their expected stay (with the two negative tests the
// rule asks for), a few still waiting. Built through the same entities and events as PatientFlow,
// and the wards' counts are set to the sum of those events. Deterministic: no random numbers.
public sealed class DemoPatientsSeeder(FangkongDb db, TimeProvider clock, IOptions<TreatmentOptions> options, ILogger<DemoPatientsSeeder> logger)
{
    public const int Count = 360;
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "欧阳", "司马"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂兰", "建华", "志强", "晓红"];

    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.Patients.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var wards = await db.Wards.IgnoreQueryFilters().Where(w => w.DivisionCode.StartsWith(cityCode))
            .OrderBy(w => w.DivisionCode).ThenBy(w => w.Name).ThenBy(w => w.Level).ToListAsync(ct);
        if (wards.Count == 0) return 0;
        var committees = await db.Divisions.AsNoTracking()
            .Where(d => d.Code.StartsWith(cityCode) && d.Level == DivisionLevel.Committee)
            .OrderBy(d => d.Code).Select(d => d.Code).ToListAsync(ct);
        if (committees.Count == 0) return 0;

        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(clock);
        var byLevel = wards.GroupBy(w => w.Level).ToDictionary(g => g.Key, g => g.ToList());
        var taken = wards.ToDictionary(w => w.Id, _ => 0);
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var facilityKinds = await db.Facilities.IgnoreQueryFilters().AsNoTracking().Where(f => f.DivisionCode.StartsWith(cityCode))
            .Select(f => new { f.Id, f.Kind }).ToDictionaryAsync(f => f.Id, f => f.Kind, ct);
        var o = options.Value;
        var seeded = 0;
        for (var i = 0; i < Count; i++)
        {
            var committee = committees[(int)((i * 7919L) % committees.Count)];
            var severity = (i % 20) switch
            {
                0 => Severity.Critical,
                1 or 2 => Severity.Severe,
                >= 3 and <= 7 => Severity.Moderate,
                >= 8 and <= 13 => Severity.Mild,
                _ => Severity.Asymptomatic,
            };
            // As in 2022, the severe and critical are mostly the old; a third of the others are 65+.
            var old = severity >= Severity.Severe ? i % 5 != 0 : i % 3 == 0;
            var birth = old ? new DateOnly(1935 + i % 15, 1 + i % 12, 1 + i % 28) : new DateOnly(1962 + i % 45, 1 + i % 12, 1 + i % 28);
            var first17 = $"{committee[..6]}{birth:yyyyMMdd}{(i / 15) % 1000:D3}";
            var number = first17 + ResidentIdNumber.CheckDigit(first17);
            var sex = (number[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
            var name = Surnames[i % Surnames.Length] + Given[(i * 3) % Given.Length];
            // Admitted 0–13 China days ago, during the day; the newest few are still waiting.
            var daysAgo = i % 14;
            var detected = ChinaTime.ToUtc(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(7 + i % 5, (i * 13) % 60)));
            if (detected > now) detected = now.AddHours(-1 - i % 3);
            var person = Person.Register(DeterministicGuid(1, i), name, new ResidentId(number, committee[..6], birth, sex), null, null, committee, detected);
            db.People.Add(person);
            var patient = Patient.Register(DeterministicGuid(2, i), person.Id, committee, committee[..6], severity, birth.AddYears(65) <= today,
                chronicDisease: i % 11 == 0, pregnant: false, detected, detected);
            db.Patients.Add(patient);
            db.PatientEvents.Add(PatientEvent.Record(DeterministicGuid(3, i), patient, PatientEventKind.Registered, null, null, null, null, "demo", detected));
            seeded++;
            if (i % 29 == 0) continue;

            var level = CareLevels.MinimumLevel(severity, patient.HasRisk);
            var candidates = byLevel.GetValueOrDefault(level, [])
                .Where(w => CareLevels.FacilityTakes(facilityKinds[w.FacilityId], w.Level, severity)).ToList();
            if (candidates.Count == 0) continue;
            // The nearest-sounding choice: a ward in the patient's district if one has room, else any.
            var ward = candidates.Where(w => w.DistrictCode == patient.DistrictCode).FirstOrDefault(w => taken[w.Id] < w.Beds)
                ?? candidates.Skip(i % candidates.Count).Concat(candidates).FirstOrDefault(w => taken[w.Id] < w.Beds);
            if (ward is null) continue;
            var admitted = detected.AddHours(3 + i % 6);
            if (admitted > now) admitted = now.AddMinutes(-30);
            var stay = o.StayDays(level);
            patient.Admit(ward.Id, ward.FacilityId, admitted, admitted.AddDays(stay));
            db.PatientEvents.Add(PatientEvent.Record(DeterministicGuid(4, i), patient, PatientEventKind.Admitted, null, ward.Id, ward.FacilityId, null, "demo", admitted));
            taken[ward.Id]++;

            var discharge = admitted.AddDays(stay - 1 + i % 3);
            if (discharge > now || severity == Severity.Critical) continue;
            foreach (var (k, hoursBefore) in new[] { (5, 30), (6, 4) })
            {
                var at = discharge.AddHours(-hoursBefore);
                db.PatientTests.Add(PatientTest.Record(DeterministicGuid(k, i), patient.Id, patient.DistrictCode, at, positive: false, ctValue: 36 + i % 4));
                db.PatientEvents.Add(PatientEvent.Record(DeterministicGuid(k + 10, i), patient, PatientEventKind.TestRecorded, ward.Id, null, ward.FacilityId, "negative", "demo", at));
            }
            patient.Discharge(discharge);
            db.PatientEvents.Add(PatientEvent.Record(DeterministicGuid(7, i), patient, PatientEventKind.Discharged, ward.Id, null, ward.FacilityId, "rule v1", "demo", discharge));
            taken[ward.Id]--;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // The counts are the sum of the events just written, set the way PatientFlow moves them.
        foreach (var (wardId, occupied) in taken.Where(t => t.Value > 0))
            await db.Database.ExecuteSqlAsync($"""UPDATE "Wards" SET "Occupied" = "Occupied" + {occupied} WHERE "Id" = {wardId}""", ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Seeded {Patients} demo patients, {InBeds} in beds.", seeded, taken.Values.Sum());
        return seeded;
    }

    private static Guid DeterministicGuid(int kind, int i)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, 0x66_6B_70_74); // "fkpt"
        BitConverter.TryWriteBytes(bytes[4..], kind);
        BitConverter.TryWriteBytes(bytes[8..], (long)i);
        return new Guid(bytes);
    }
}

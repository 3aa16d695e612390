using Fangkong.Web.Features.Facilities;
using Fangkong.Web.Features.Treatment;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Demo;

// Wards for the demo city's hospitals from their registered beds: a designated hospital's ICU beds
// become its ICU, a tenth of the rest high-dependency, the remainder ordinary wards; a general
// hospital opens a third of its beds as ordinary COVID wards and 5 % high-dependency; a shelter
// hospital is one shelter ward. Discharge rule version 1: two negative results 24 h apart (2022,
// 9th edition: Ct >= 35 counts as negative), at least 3 days after admission.
public sealed class DemoTreatmentSeeder(FangkongDb db, TimeProvider clock, ILogger<DemoTreatmentSeeder> logger)
{
    public async Task<int> SeedAsync(string cityCode, CancellationToken ct = default)
    {
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        if (await db.Wards.IgnoreQueryFilters().AnyAsync(ct)) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        // unscoped: demo seeding, a system job (start-up or the CLI operator) that must see the whole city
        var hospitals = await db.Facilities.IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.DivisionCode.StartsWith(cityCode) && CareLevels.BedFacilityKinds.Contains(f.Kind) && f.Beds > 0)
            .OrderBy(f => f.Id).ToListAsync(ct);
        var wards = new List<Ward>();
        foreach (var h in hospitals)
        {
            var beds = h.Beds!.Value;
            var staff = h.Employees ?? beds;
            void Add(BedLevel level, string name, int count, int ventilators, double staffShare)
            {
                if (count > 0)
                    wards.Add(Ward.Open(Guid.CreateVersion7(), h.Id, h.DivisionCode, h.DistrictCode, level, name, count, ventilators,
                        (int)Math.Max(1, staff * staffShare / 3), now));
            }
            switch (h.Kind)
            {
                case FacilityKind.DesignatedHospital:
                    var icu = h.IcuBeds ?? beds / 10;
                    var rest = beds - icu;
                    Add(BedLevel.Icu, "重症监护病区", icu, h.Ventilators ?? icu / 2, 0.3);
                    Add(BedLevel.HighDependency, "重症过渡病区", rest / 10, 0, 0.2);
                    Add(BedLevel.Ordinary, "普通病区", rest - rest / 10, 0, 0.5);
                    break;
                case FacilityKind.GeneralHospital:
                    Add(BedLevel.HighDependency, "重症过渡病区", beds / 20, h.Ventilators ?? 0, 0.1);
                    Add(BedLevel.Ordinary, "新冠普通病区", beds / 3, 0, 0.3);
                    break;
                case FacilityKind.ShelterHospital:
                    Add(BedLevel.Shelter, "方舱舱区", beds, 0, 1.0);
                    break;
            }
        }
        db.Wards.AddRange(wards);
        if (!await db.DischargeRules.AnyAsync(ct))
            db.DischargeRules.Add(DischargeRule.Create(1, negativeTests: 2, hoursApart: 24, minimumDaysAdmitted: 3, ctThreshold: 35, effectiveFrom: now.AddYears(-5), "demo"));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded {Wards} demo wards in {Hospitals} hospitals.", wards.Count, hospitals.Count);
        return wards.Count;
    }
}

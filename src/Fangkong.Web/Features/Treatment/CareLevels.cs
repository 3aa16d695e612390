using Fangkong.Web.Features.Facilities;

namespace Fangkong.Web.Features.Treatment;

// Bed levels, lowest to highest. Home is not a bed: home treatment under community follow-up.
public enum BedLevel { Shelter = 1, Ordinary = 2, HighDependency = 3, Icu = 4 }

public enum Severity { Asymptomatic = 1, Mild = 2, Moderate = 3, Severe = 4, Critical = 5 }

public enum CarePathway { Home = 1, Shelter = 2, Designated = 3, Icu = 4 }

// Where a patient may be placed (分级收治). One table, so placement, admission and transfer apply
// the same rule and no patient can land below what their severity needs:
//   critical                       → ICU of a designated hospital;
//   severe                         → high-dependency or ICU bed of a designated or general hospital;
//   moderate, or any with a risk   → ordinary or high-dependency bed of a designated or general hospital;
//   mild / asymptomatic, no risk   → shelter hospital (asymptomatic may stay home when policy allows).
public static class CareLevels
{
    public static CarePathway PathwayOf(Severity severity, bool hasRisk, bool asymptomaticAtHome) => severity switch
    {
        Severity.Critical => CarePathway.Icu,
        Severity.Severe or Severity.Moderate => CarePathway.Designated,
        _ when hasRisk => CarePathway.Designated,
        Severity.Asymptomatic when asymptomaticAtHome => CarePathway.Home,
        _ => CarePathway.Shelter,
    };

    public static BedLevel[] AllowedLevels(Severity severity, bool hasRisk) => severity switch
    {
        Severity.Critical => [BedLevel.Icu],
        Severity.Severe => [BedLevel.HighDependency, BedLevel.Icu],
        Severity.Moderate => [BedLevel.Ordinary, BedLevel.HighDependency],
        _ when hasRisk => [BedLevel.Ordinary, BedLevel.HighDependency],
        _ => [BedLevel.Shelter],
    };

    public static BedLevel MinimumLevel(Severity severity, bool hasRisk) => AllowedLevels(severity, hasRisk)[0];

    public static bool FacilityTakes(FacilityKind kind, BedLevel level, Severity severity) => (kind, level) switch
    {
        (FacilityKind.DesignatedHospital, _) => level != BedLevel.Shelter,
        (FacilityKind.GeneralHospital, BedLevel.Ordinary or BedLevel.HighDependency) => true,
        // Critical patients are concentrated in the high-level designated hospitals (重症集中救治).
        (FacilityKind.GeneralHospital, BedLevel.Icu) => severity != Severity.Critical,
        (FacilityKind.ShelterHospital, BedLevel.Shelter) => true,
        _ => false,
    };

    // Ward classes for the placement engine: the bed level, with a designated hospital's ICU apart
    // (only there do critical patients go). Shared by the web's placement and the CLI's benchmark.
    public const int DesignatedIcuClass = 5;

    public static int PlacementClass(BedLevel level, FacilityKind kind) =>
        level == BedLevel.Icu && kind == FacilityKind.DesignatedHospital ? DesignatedIcuClass : (int)level;

    public static HashSet<int> PlacementClasses(Severity severity, bool hasRisk) => severity == Severity.Critical
        ? [DesignatedIcuClass]
        : [.. AllowedLevels(severity, hasRisk).SelectMany(l => l == BedLevel.Icu ? new[] { (int)l, DesignatedIcuClass } : [(int)l])];

    public static readonly FacilityKind[] BedFacilityKinds = [FacilityKind.DesignatedHospital, FacilityKind.GeneralHospital, FacilityKind.ShelterHospital];

    // Placement priority classes (1 served first when beds are short): critical, severe, key
    // populations (65+, chronic disease, pregnancy), everyone else.
    public static int PriorityOf(Severity severity, bool hasRisk) => severity switch
    {
        Severity.Critical => 1,
        Severity.Severe => 2,
        _ when hasRisk => 3,
        _ => 4,
    };
}

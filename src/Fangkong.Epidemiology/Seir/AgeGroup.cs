namespace Fangkong.Epidemiology.Seir;

// One stratum of the population (e.g. "0-64", "65+"). Initial seeds and immunity are in persons.
// Vaccination is all-or-nothing: Coverage·Efficacy of the group's initial susceptibles are immune at day 0.
public sealed record AgeGroup(
    string Name,
    double Population,
    double InitialExposed = 0,
    double InitialInfectious = 0,
    double InitialRecovered = 0,
    double VaccinationCoverage = 0,
    double VaccineEfficacy = 1);

namespace Fangkong.Epidemiology.Seir;

// Count persons of Group become infected from outside at time Day (after that day's report). They are
// taken from the group's susceptibles so the population stays closed and S+E+I+R = N holds; seeds
// entering Exposed later show up in the incidence (the E→I flow), seeds entering Infectious do not.
public sealed record ImportedSeed(double Day, int Group, double Count, SeedCompartment Into = SeedCompartment.Exposed);

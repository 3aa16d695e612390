namespace Fangkong.Epidemiology.Seir;

// Daily states for days 0..Days of one group (or the total). Incidence[d] is the number of people
// who became infectious (the E→I flow) during day d, i.e. in (d−1, d]; Incidence[0] is 0. It is the
// difference of an integrated cumulative counter, so it is as accurate as the ODE solution itself.
public sealed class SeirTrajectory
{
    public SeirTrajectory(string name, double population, double vaccinated, double initiallyImmune,
        double[] susceptible, double[] exposed, double[] infectious, double[] recovered, double[] incidence)
    {
        Name = name;
        Population = population;
        Vaccinated = vaccinated;
        InitiallyImmune = initiallyImmune;
        Susceptible = susceptible;
        Exposed = exposed;
        Infectious = infectious;
        Recovered = recovered;
        Incidence = incidence;

        for (int d = 0; d < infectious.Length; d++)
        {
            if (infectious[d] > PeakPrevalence)
            {
                PeakPrevalence = infectious[d];
                PeakPrevalenceDay = d;
            }

            if (incidence[d] > PeakIncidence)
            {
                PeakIncidence = incidence[d];
                PeakIncidenceDay = d;
            }
        }

        // Everyone who left S by infection (seeds and imports included) over the whole population.
        AttackRate = (population - initiallyImmune - vaccinated - susceptible[^1]) / population;
    }

    public string Name { get; }

    public double Population { get; }

    // Made immune by vaccination at day 0; they are counted in Recovered so that S+E+I+R = N.
    public double Vaccinated { get; }

    public double InitiallyImmune { get; }

    public double[] Susceptible { get; }

    public double[] Exposed { get; }

    public double[] Infectious { get; }

    public double[] Recovered { get; }

    public double[] Incidence { get; }

    public int PeakPrevalenceDay { get; }

    public double PeakPrevalence { get; }

    public int PeakIncidenceDay { get; }

    public double PeakIncidence { get; }

    public double AttackRate { get; }
}

namespace Fangkong.Epidemiology.Chime;

// sim_sir's output: one row per day, Day counting from −i_day (day 0 is the current date).
public sealed record ChimeSimulation(int[] Day, double[] Susceptible, double[] Infected, double[] Recovered)
{
    public double[] EverInfected()
    {
        var ever = new double[Infected.Length];
        for (int k = 0; k < ever.Length; k++)
        {
            ever[k] = Infected[k] + Recovered[k];
        }

        return ever;
    }
}

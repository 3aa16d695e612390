namespace Fangkong.Epidemiology.Chime;

// Penn Medicine CHIME v1.1.5, class Sir in penn_chime/model/sir.py, doubling-time path.
// CHIME seeds the epidemic with the infections that make one hospital patient
// (1 / market share / hospitalisation rate), then finds how many days ago that was (i_day): the
// day whose projected census best matches today's hospitalised count. The projection runs from
// −i_day to n_days with β before the mitigation date and the distanced β_t after it.
public static class ChimeModel
{
    // CHIME's PREFIT_ADDITIONAL_DAYS: how far past n_days the search for i_day looks.
    public const int PrefitAdditionalDays = 300;

    public static ChimeResult Run(ChimeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var p = parameters;

        // Deliberately not rounded: CHIME notes the seed "should not be an integer".
        double infected = 1.0 / p.MarketShare / p.Hospitalized.Rate;
        double susceptible = p.Population - infected;
        double gamma = 1.0 / p.InfectiousDays;

        double intrinsicGrowthRate = ChimeSir.GrowthRate(p.DoublingTime);
        double beta = ChimeSir.Beta(intrinsicGrowthRate, gamma, susceptible, 0.0);
        double betaT = ChimeSir.Beta(intrinsicGrowthRate, gamma, susceptible, p.RelativeContactRate);

        int iDay;
        if (p.MitigationDate is null)
        {
            var unmitigated = Project(p, susceptible, infected, gamma, 0,
                [new ChimePolicy(beta, p.NDays + PrefitAdditionalDays)]);
            iDay = ArgminBeforePeak(unmitigated.Census.Hospitalized, p.CurrentHospitalized);
        }
        else
        {
            iDay = FitCurrentDay(p, susceptible, infected, gamma, beta, betaT);
        }

        var raw = Project(p, susceptible, infected, gamma, iDay, Policies(p, iDay, beta, betaT, p.NDays));

        double doublingTimeT = 1.0 / Math.Log2(betaT * susceptible - gamma + 1);
        var days = raw.Sir.Day;
        return new ChimeResult
        {
            CurrentDayIndex = iDay,
            IntrinsicGrowthRate = intrinsicGrowthRate,
            Gamma = gamma,
            Beta = beta,
            BetaWithDistancing = betaT,
            R0 = beta / gamma * susceptible,
            Rt = betaT / gamma * susceptible,
            DoublingTime = p.DoublingTime,
            DoublingTimeWithDistancing = doublingTimeT,
            DailyGrowthRate = ChimeSir.GrowthRate(p.DoublingTime),
            DailyGrowthRateWithDistancing = ChimeSir.GrowthRate(doublingTimeT),
            Susceptible = raw.Sir.Susceptible[iDay],
            Infected = raw.Sir.Infected[iDay],
            Recovered = raw.Sir.Recovered[iDay],
            Day = days,
            Date = Array.ConvertAll(days, d => p.CurrentDate.AddDays(d)),
            Sir = raw.Sir,
            Dispositions = raw.Dispositions,
            Admissions = raw.Admissions,
            Census = raw.Census,
        };
    }

    // The mitigated branch of Sir.__init__: try every i_day, skip those whose hospital census peaks
    // before today, keep the first with the least squared error against today's census.
    private static int FitCurrentDay(ChimeParameters p, double susceptible, double infected, double gamma,
        double beta, double betaT)
    {
        int best = -1;
        double bestLoss = double.PositiveInfinity;
        for (int iDay = 0; iDay < p.NDays + PrefitAdditionalDays; iDay++)
        {
            var raw = Project(p, susceptible, infected, gamma, iDay,
                Policies(p, iDay, beta, betaT, p.NDays + PrefitAdditionalDays));
            var census = raw.Census.Hospitalized;
            if (ArgMax(census) < iDay)
            {
                continue;
            }

            double loss = Math.Pow(census[iDay] - p.CurrentHospitalized, 2.0);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = iDay;
            }
        }

        if (best < 0)
        {
            throw new InvalidOperationException("No start day puts today before the hospital peak; CHIME cannot fit these inputs.");
        }

        return best;
    }

    // get_policies (and the same split inside the fitting loop, over a longer horizon).
    private static ChimePolicy[] Policies(ChimeParameters p, int iDay, double beta, double betaT, int daysAfterToday)
    {
        int mitigationDay = p.MitigationDate is { } date ? date.DayNumber - p.CurrentDate.DayNumber : 0;
        int totalDays = iDay + daysAfterToday;
        if (mitigationDay < -iDay)
        {
            mitigationDay = -iDay;
        }

        int pre = iDay + mitigationDay;
        return [new ChimePolicy(beta, pre), new ChimePolicy(betaT, totalDays - pre)];
    }

    private static ChimeProjection Project(ChimeParameters p, double susceptible, double infected, double gamma,
        int iDay, IReadOnlyList<ChimePolicy> policies)
    {
        var sir = ChimeSir.Simulate(susceptible, infected, p.Recovered, gamma, -iDay, policies);
        var ever = sir.EverInfected();
        var dispositions = new ChimeCategories(
            ChimeSir.Dispositions(ever, p.Hospitalized.Rate, p.MarketShare),
            ChimeSir.Dispositions(ever, p.Icu.Rate, p.MarketShare),
            ChimeSir.Dispositions(ever, p.Ventilated.Rate, p.MarketShare));
        var admissions = new ChimeCategories(
            ChimeSir.Admissions(dispositions.Hospitalized),
            ChimeSir.Admissions(dispositions.Icu),
            ChimeSir.Admissions(dispositions.Ventilated));
        var census = new ChimeCategories(
            ChimeSir.Census(admissions.Hospitalized, p.Hospitalized.Days),
            ChimeSir.Census(admissions.Icu, p.Icu.Days),
            ChimeSir.Census(admissions.Ventilated, p.Ventilated.Days));
        return new ChimeProjection(sir, dispositions, admissions, census);
    }

    // get_argmin_ds: by design only days before the census peak are candidates.
    private static int ArgminBeforePeak(double[] census, double currentHospitalized)
    {
        int peak = ArgMax(census);
        if (peak == 0)
        {
            throw new InvalidOperationException("The hospital census peaks on the first day; CHIME cannot place today before it.");
        }

        int best = 0;
        double bestLoss = double.PositiveInfinity;
        for (int k = 0; k < peak; k++)
        {
            double loss = Math.Pow(census[k] - currentHospitalized, 2.0);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = k;
            }
        }

        return best;
    }

    // numpy argmax: the first index of the maximum.
    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}

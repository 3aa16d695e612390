namespace Fangkong.Epidemiology.Seir;

public enum GrowthFitMethod
{
    // Poisson regression of counts on day with a log link: handles zero days, weights days by their counts.
    PoissonMaximumLikelihood,

    // Least squares on log counts with a Student-t interval; every count must be positive.
    LogLinear,
}

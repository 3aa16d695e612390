namespace Fangkong.Epidemiology.Seir;

public sealed record EnsembleDistributions(
    ParameterDistribution R0,
    ParameterDistribution LatentPeriod,
    ParameterDistribution InfectiousPeriod);

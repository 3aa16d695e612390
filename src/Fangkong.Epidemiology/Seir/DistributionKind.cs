namespace Fangkong.Epidemiology.Seir;

public enum DistributionKind
{
    Fixed,
    Uniform,
    Normal,
    LogNormal,
    Gamma,
}

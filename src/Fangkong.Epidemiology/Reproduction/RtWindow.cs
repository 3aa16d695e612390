namespace Fangkong.Epidemiology.Reproduction;

// The gamma posterior of R over days TStart..TEnd (1-based, inclusive), summarised as EpiEstim does.
public sealed record RtWindow(
    int TStart,
    int TEnd,
    double Mean,
    double Std,
    double Q025,
    double Q05,
    double Q25,
    double Median,
    double Q75,
    double Q95,
    double Q975);

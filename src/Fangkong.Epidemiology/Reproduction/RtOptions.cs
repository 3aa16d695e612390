namespace Fangkong.Epidemiology.Reproduction;

// Days are 1-based as in EpiEstim. Without TStart/TEnd, windows of WindowLength days slide one day at
// a time from day 2 to the last day (EpiEstim's default with WindowLength 7: t_start = 2:(T-6)).
public sealed record RtOptions
{
    public RtOptions(
        SerialInterval serialInterval,
        IReadOnlyList<int>? tStart = null,
        IReadOnlyList<int>? tEnd = null,
        double priorMean = 5,
        double priorSd = 5,
        int windowLength = 7)
    {
        ArgumentNullException.ThrowIfNull(serialInterval);
        if ((tStart is null) != (tEnd is null))
        {
            throw new ArgumentException("Give both t_start and t_end, or neither for sliding windows.",
                tStart is null ? nameof(tStart) : nameof(tEnd));
        }

        if (tStart is not null && tEnd is not null && tStart.Count != tEnd.Count)
        {
            throw new ArgumentException(
                $"t_start ({tStart.Count} values) and t_end ({tEnd.Count} values) must have the same length.", nameof(tEnd));
        }

        if (!double.IsFinite(priorMean) || priorMean <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priorMean), priorMean, "The prior mean of R must be > 0.");
        }

        if (!double.IsFinite(priorSd) || priorSd <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(priorSd), priorSd, "The prior sd of R must be > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);

        SerialInterval = serialInterval;
        TStart = tStart?.ToArray();
        TEnd = tEnd?.ToArray();
        PriorMean = priorMean;
        PriorSd = priorSd;
        WindowLength = windowLength;
    }

    public SerialInterval SerialInterval { get; }

    public IReadOnlyList<int>? TStart { get; }

    public IReadOnlyList<int>? TEnd { get; }

    public double PriorMean { get; }

    public double PriorSd { get; }

    public int WindowLength { get; }

    // Gamma prior with this mean and sd, in EpiEstim's shape/scale parametrisation.
    public double PriorShape => PriorMean / PriorSd * (PriorMean / PriorSd);

    public double PriorScale => PriorSd * PriorSd / PriorMean;
}

using Fangkong.Epidemiology.Reproduction;
using Fangkong.Web.Platform.Api;

namespace Fangkong.Web.Features.Surveillance;

public sealed record RtPoint(int TStart, int TEnd, DateOnly StartDate, DateOnly EndDate, double Mean, double Std,
    double Q025, double Q05, double Q25, double Median, double Q75, double Q95, double Q975);

public sealed record RtResult(string DivisionCode, double SiMean, double SiSd, int Window, IReadOnlyList<RtPoint> Windows);

// R(t) of a division's reported curve by Cori et al. (Fangkong.Epidemiology reproduces EpiEstim).
// The serial interval defaults to Omicron's (mean 3.0 days, sd 2.0; Du et al. 2022, Backer et al. 2022).
public sealed class ReproductionNumbers(EpidemicCurves curves)
{
    public const double DefaultSiMean = 3.0, DefaultSiSd = 2.0;

    public async Task<WriteOutcome<RtResult>> ForAsync(string code, double? siMean, double? siSd, int? window, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var mean = siMean ?? DefaultSiMean;
        var sd = siSd ?? DefaultSiSd;
        var length = window ?? 7;
        if (!(mean > 1 && mean < 60)) errors.Add("siMean", "序列间隔均值须在 1 到 60 天之间 / the serial interval mean must be between 1 and 60 days");
        if (!(sd > 0 && sd < 60)) errors.Add("siSd", "序列间隔标准差须大于 0 / the serial interval sd must be positive");
        if (length is < 1 or > 60) errors.Add("window", "窗口长度须为 1–60 天 / the window must be 1–60 days");
        if (errors.Any) return new WriteOutcome<RtResult>.Invalid(errors);

        var curve = await curves.ForAsync(code, null, null, ct);
        var days = curve.Days;
        if (days.Count <= length + 1) return new WriteOutcome<RtResult>.Done(new RtResult(code, mean, sd, length, []));
        var incidence = Incidence.FromLocalImported(days.Select(d => (double)d.Local).ToList(), days.Select(d => (double)d.Imported).ToList());
        var windows = CoriEstimator.Estimate(incidence, new RtOptions(new SerialInterval.Parametric(mean, sd), windowLength: length));
        return new WriteOutcome<RtResult>.Done(new RtResult(code, mean, sd, length, windows.Select(w => new RtPoint(
            w.TStart, w.TEnd, days[w.TStart - 1].Date, days[w.TEnd - 1].Date, w.Mean, w.Std, w.Q025, w.Q05, w.Q25, w.Median, w.Q75, w.Q95, w.Q975)).ToList()));
    }
}

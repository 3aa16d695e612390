using Fangkong.Epidemiology.Reproduction;

namespace Fangkong.Epidemiology.Tests.Reproduction;

public class PublishedExamplesTests
{
    private const double RelativeTolerance = 1e-9;

    [Theory]
    [InlineData("E01-flu2009")] // non-parametric serial interval
    [InlineData("E02-flu2009")] // parametric serial interval, mean 2.6, sd 1.5
    [InlineData("E03-example2")] // local and imported cases
    public void Estimate_reproduces_EpiEstim_published_result_on_every_column_of_every_row(string example)
    {
        var (incidence, options) = ReferenceData.Settings(example);
        var expected = ReferenceData.ExpectedRows(example);

        var actual = CoriEstimator.Estimate(incidence, options);

        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            var columns = ReferenceData.Columns(actual[row]);
            for (var column = 0; column < columns.Length; column++)
            {
                var relative = Math.Abs(columns[column] - expected[row][column]) / Math.Abs(expected[row][column]);
                Assert.True(
                    relative <= RelativeTolerance,
                    $"{example} row {row + 1} column {RtCsv.OutputColumns[column]}: {columns[column]:R} vs {expected[row][column]:R} (relative {relative:E2})");
            }
        }
    }

    [Fact]
    public void Default_windows_are_EpiEstim_weekly_windows_from_day_2()
    {
        var incidence = ReferenceData.Incidence("flu2009.csv");
        var serialInterval = ReferenceData.SerialInterval("flu2009-si.csv");

        var windows = CoriEstimator.Estimate(incidence, new RtOptions(serialInterval));

        Assert.Equal(Enumerable.Range(2, 32 - 7), windows.Select(w => w.TStart));
        Assert.All(windows, w => Assert.Equal(w.TStart + 6, w.TEnd));
        Assert.Equal(ReferenceData.ExpectedRows("E01-flu2009")[0][2], windows[0].Mean, 1e-12);
    }
}

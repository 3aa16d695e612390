using System.Globalization;
using Fangkong.Epidemiology.Reproduction;

namespace Fangkong.Epidemiology.Tests.Reproduction;

public class RtCsvTests
{
    [Fact]
    public void Reads_total_incidence_with_dates_and_counts_day_1_as_imported()
    {
        var incidence = ReferenceData.Incidence("flu2009.csv");

        Assert.Equal(32, incidence.Days);
        Assert.Equal(0, incidence.Local[0]);
        Assert.Equal(1, incidence.Imported[0]);
        Assert.Equal(1, incidence.Local[1]);
        Assert.All(incidence.Imported.Skip(1), value => Assert.Equal(0, value));
    }

    [Fact]
    public void Reads_local_and_imported_columns_with_any_case_and_quotes()
    {
        var incidence = RtCsv.ReadIncidence(new StringReader("\"T\",\"Imported\",\"LOCAL\"\n1,2,1\n2,0,3\n3,1,4\n"));

        Assert.Equal([0, 3, 4], incidence.Local);
        Assert.Equal([3, 0, 1], incidence.Imported);
    }

    [Theory]
    [InlineData("t,cases\n1,2\n", "line 1", "I column")]
    [InlineData("t,I,local,imported\n1,2,0,2\n", "line 1", "either")]
    [InlineData("t,local\n1,2\n", "line 1", "missing column 'imported'")]
    [InlineData("t,I,region\n1,2,a\n", "line 1", "unexpected column 'region'")]
    [InlineData("t,I\n1,2\n2,abc\n", "line 3", "I must be a number")]
    [InlineData("t,I\n1,2\n2,-1\n", "line 3", "must not be negative")]
    [InlineData("t,I\n1,2\n3,1\n", "line 3", "expected 2, found 3")]
    [InlineData("t,I\n2,2\n", "line 2", "expected 1, found 2")]
    [InlineData("t,I\n1,2\n2.5,1\n", "line 3", "whole number")]
    [InlineData("t,I\n1,2\n2,1,7\n", "line 3", "expected 2 fields")]
    [InlineData("t,date,I\n1,2020-01-01,2\n2,2020-01-03,1\n", "line 3", "consecutive days")]
    [InlineData("t,date,I\n1,01/01/2020,2\n", "line 2", "yyyy-MM-dd")]
    [InlineData("", "line 1", "empty")]
    [InlineData("t,I\n", "line 2", "no rows")]
    public void Bad_incidence_file_is_reported_by_line(string csv, string line, string complaint)
    {
        var error = Assert.Throws<FormatException>(() => RtCsv.ReadIncidence(new StringReader(csv)));

        Assert.StartsWith(line + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(complaint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_serial_interval_distribution_by_k()
    {
        var si = ReferenceData.SerialInterval("flu2009-si.csv");

        Assert.Equal(12, si.Distribution.Count);
        Assert.Equal(0.233, si.Distribution[1]);
    }

    [Theory]
    [InlineData("k,w\n1,0.5\n2,0.5\n", "line 2", "expected 0, found 1")]
    [InlineData("k,w\n0,0\n1,x\n", "line 3", "w must be a number")]
    [InlineData("k,w\n0,0.2\n1,0.8\n", null, "w_0 = 0")]
    [InlineData("k,w\n0,0\n1,0.5\n", null, "sum to 1")]
    [InlineData("k,p\n0,0\n1,1\n", "line 1", "missing column 'w'")]
    public void Bad_serial_interval_file_is_reported(string csv, string? line, string complaint)
    {
        var error = Assert.Throws<FormatException>(() => RtCsv.ReadSerialInterval(new StringReader(csv)));

        if (line is not null)
        {
            Assert.StartsWith(line + ":", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains(complaint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_every_bit_with_invariant_formatting_whatever_the_culture()
    {
        var windows = CoriEstimator.Estimate(ReferenceData.Incidence("flu2009.csv"), new RtOptions(ReferenceData.SerialInterval("flu2009-si.csv")));
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // German writes 0,64 for 0.64; the file must not.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            RtCsv.Write(writer, windows);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("t_start,t_end,mean,std,q0.025,q0.05,q0.25,median,q0.75,q0.95,q0.975", lines[0]);
        Assert.Equal(windows.Count + 1, lines.Length);
        for (var i = 0; i < windows.Count; i++)
        {
            var parsed = lines[i + 1].Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(ReferenceData.Columns(windows[i]), parsed);
        }
    }
}

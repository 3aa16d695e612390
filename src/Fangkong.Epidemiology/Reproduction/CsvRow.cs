using System.Globalization;

namespace Fangkong.Epidemiology.Reproduction;

internal sealed class CsvRow(int lineNumber, string[] fields)
{
    public FormatException Error(string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {message}"));

    public int Integer(int column, string name) =>
        int.TryParse(fields[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"{name} must be a whole number, found '{fields[column]}'.");

    public double NonNegative(int column, string name)
    {
        if (!double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            throw Error($"{name} must be a number, found '{fields[column]}'.");
        }

        return value >= 0 ? value : throw Error($"{name} must not be negative, found {fields[column]}.");
    }

    public DateOnly Date(int column) =>
        DateOnly.TryParseExact(fields[column], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Error($"date must be yyyy-MM-dd, found '{fields[column]}'.");
}

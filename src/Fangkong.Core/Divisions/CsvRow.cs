namespace Fangkong.Core.Divisions;

internal readonly record struct CsvRow(int LineNumber, string[] Values);

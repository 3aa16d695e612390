namespace Fangkong.Core.Divisions;

public sealed record DivisionRecord(string Code, string Name, string? ParentCode, DivisionLevel Level);

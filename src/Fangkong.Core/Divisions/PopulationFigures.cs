namespace Fangkong.Core.Divisions;

public sealed record PopulationFigures(long Total, AgeBands Ages);

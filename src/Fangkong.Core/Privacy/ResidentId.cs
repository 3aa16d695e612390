namespace Fangkong.Core.Privacy;

// Number is normalised (trimmed, check character 'x' upper-cased) so equal IDs compare equal.
public sealed record ResidentId(string Number, string RegionCode, DateOnly BirthDate, Sex Sex);

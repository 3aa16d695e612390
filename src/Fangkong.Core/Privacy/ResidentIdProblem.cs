namespace Fangkong.Core.Privacy;

public enum ResidentIdProblem
{
    Missing,
    WrongLength,
    BadCharacters,
    UnknownRegion,
    ImpossibleBirthDate,
    BirthDateInFuture,
    BadCheckDigit,
}

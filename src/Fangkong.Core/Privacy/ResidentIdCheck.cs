namespace Fangkong.Core.Privacy;

public readonly record struct ResidentIdCheck(ResidentId? Value, ResidentIdProblem? Problem)
{
    public bool IsValid => Value is not null;
}

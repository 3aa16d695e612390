namespace Fangkong.Core.Divisions;

// The census's three broad age groups: children, working age, elderly.
public sealed record AgeBands(long Age0To14, long Age15To64, long Age65Plus)
{
    public long Total => Age0To14 + Age15To64 + Age65Plus;
}

namespace Fangkong.Core.Divisions;

public enum DivisionLevel
{
    Province = 1,
    City = 2,
    District = 3,
    Street = 4,
    Committee = 5,
}

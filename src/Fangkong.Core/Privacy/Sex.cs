namespace Fangkong.Core.Privacy;

public enum Sex
{
    Female = 0,
    Male = 1,
}

namespace Fangkong.Epidemiology.Seir;

public enum SeedCompartment
{
    Exposed,
    Infectious,
}

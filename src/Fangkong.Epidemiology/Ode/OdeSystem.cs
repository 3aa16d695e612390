namespace Fangkong.Epidemiology.Ode;

// Writes y'(t) into dydt. Implementations must not allocate: the integrator calls this six times per step.
public delegate void OdeSystem(double t, ReadOnlySpan<double> y, Span<double> dydt);

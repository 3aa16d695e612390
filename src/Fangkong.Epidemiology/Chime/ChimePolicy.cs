namespace Fangkong.Epidemiology.Chime;

// Run the daily SIR step Days times with this Beta (CHIME's (beta, n_days) policy tuples).
public readonly record struct ChimePolicy(double Beta, int Days);

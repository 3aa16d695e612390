namespace Fangkong.Epidemiology.Seir;

// "From day FromDay, contacts are Multiplier times the baseline." Multipliers are relative to the
// baseline, not to the previous change: lockdown 0.5 from day 30 then relaxation 0.8 from day 60
// means 0.8 of baseline after day 60, not 0.4.
public sealed record ContactChange(double FromDay, double Multiplier);

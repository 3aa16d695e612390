namespace Fangkong.Epidemiology.Ode;

public readonly record struct OdeStatistics(long AcceptedSteps, long RejectedSteps, long FunctionEvaluations);

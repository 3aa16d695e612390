namespace Fangkong.Epidemiology.Chime;

// run_projection's output: the SIR table and, per category, dispositions, admissions and census.
internal sealed record ChimeProjection(ChimeSimulation Sir, ChimeCategories Dispositions, ChimeCategories Admissions,
    ChimeCategories Census);

namespace Fangkong.Optimization.Dimacs;

// Nodes are 0-based here; the file format's 1-based ids are converted at the reader and writer.
public readonly record struct DimacsArc(int From, int To, long Lower, long Capacity, long Cost);

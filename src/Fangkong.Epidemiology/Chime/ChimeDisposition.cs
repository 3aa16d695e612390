namespace Fangkong.Epidemiology.Chime;

// Share of all infected people who end up in this kind of bed, and the average length of stay.
// As in CHIME's model (and its test fixture), every rate is a share of infections, not of the
// category above it; CHIME's command line multiplies ICU by hospital rate before it gets here.
public sealed record ChimeDisposition(double Rate, int Days);

namespace Fangkong.Web.Features.Retention;

// How long personal data is kept after its purpose has ended (configuration section "Retention").
// Draft GB/T 41479 asks for anonymisation within 60 days after the emergency response ends.
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    // Run once a day (China date) on the platform clock; `fangkong retention run` runs it by hand.
    public bool Daily { get; set; } = true;
    // A released / lost contact: its exposure notes and follow-up notes, and the person (see PeopleDays).
    public int ContactDays { get; set; } = 60;
    // A discharged (or deceased) patient's person.
    public int PatientDays { get; set; } = 60;
    // Members of a closed screening round (sampling records' and pool controls' ID numbers, names, phones).
    public int ScreeningDays { get; set; } = 30;
    // A closed resident request's phone, building, room and description.
    public int ResidentRequestDays { get; set; } = 30;
}

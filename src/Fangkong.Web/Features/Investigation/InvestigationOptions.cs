namespace Fangkong.Web.Features.Investigation;

// Deadlines and quarantine schedules. Defaults follow the national protocol (第九版防控方案): close
// contacts 7 days of central quarantine tested on days 1, 2, 3, 5 and 7; secondary contacts 7 days
// at home tested on days 1, 4 and 7; a case's investigation within 24 hours.
public sealed class InvestigationOptions
{
    public const string Section = "Investigation";

    public int InvestigationHours { get; set; } = 24;
    public int CloseContactDays { get; set; } = 7;
    public int[] CloseContactTestDays { get; set; } = [1, 2, 3, 5, 7];
    public int SecondaryContactDays { get; set; } = 7;
    public int[] SecondaryContactTestDays { get; set; } = [1, 4, 7];
    // The four-categories targets: "应隔尽隔" and "应收尽收".
    public int IsolateWithinHours { get; set; } = 6;
    public int ContactQuarantineWithinHours { get; set; } = 12;
    public int AdmitWithinHours { get; set; } = 24;
    public int ResolveSuspectedWithinHours { get; set; } = 24;
}

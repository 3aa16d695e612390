namespace Fangkong.Web.Features.Tickets;

// Bound from configuration section "Tickets".
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    // Time allowed to answer (办结时限) from the moment the ticket is opened.
    public int UrgentHours { get; set; } = 2;
    public int NormalHours { get; set; } = 24;

    // Departments a ticket may be routed to instead of the street of its place.
    public List<string> Departments { get; set; } =
        ["区卫健委", "区疾控中心", "区商务委", "区市场监管局", "区民政局", "区房管局", "公安分局", "区城运中心"];

    public TimeSpan AllowedTime(TicketUrgency urgency) => TimeSpan.FromHours(urgency == TicketUrgency.Urgent ? UrgentHours : NormalHours);
}

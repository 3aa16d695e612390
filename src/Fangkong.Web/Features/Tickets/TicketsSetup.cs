namespace Fangkong.Web.Features.Tickets;

public static class TicketsSetup
{
    public static IServiceCollection AddTickets(this IServiceCollection services)
    {
        services.AddScoped<TicketDesk>();
        services.AddScoped<TicketAnalysis>();
        services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section);
        return services;
    }
}

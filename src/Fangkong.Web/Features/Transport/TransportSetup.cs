namespace Fangkong.Web.Features.Transport;

public static class TransportSetup
{
    public static IServiceCollection AddTransport(this IServiceCollection services)
    {
        services.AddScoped<TransportDesk>();
        services.AddOptions<TransportOptions>().BindConfiguration("Transport");
        return services;
    }
}

using Fangkong.Web.Features.Demo;

namespace Fangkong.Web.Features.PriceWatch;

public static class PriceWatchSetup
{
    public static IServiceCollection AddPriceWatch(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PriceWatchOptions>(config.GetSection(PriceWatchOptions.Section));
        services.AddSingleton<BuyerHasher>();
        services.AddHostedService<BuyerHashKeyCheck>();
        services.AddScoped<PriceWatchService>();
        services.AddScoped<DemoPriceWatchSeeder>();
        return services;
    }
}

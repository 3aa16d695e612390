namespace Fangkong.Web.Features.Supplies;

public static class SuppliesSetup
{
    public static IServiceCollection AddSupplies(this IServiceCollection services)
    {
        services.AddScoped<Catalogue>();
        services.AddScoped<StockLedger>();
        return services;
    }
}

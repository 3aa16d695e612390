namespace Fangkong.Web.Features.Supplies;

public static class SuppliesSetup
{
    public static IServiceCollection AddSupplies(this IServiceCollection services)
    {
        services.AddScoped<Catalogue>();
        services.AddScoped<StockLedger>();
        services.AddScoped<StockQueries>();
        services.AddScoped<StockReports>();
        services.AddScoped<StockPolicies>();
        services.AddScoped<SupplyNeeds>();
        services.AddScoped<SupplyPlanning>();
        services.AddScoped<Deliveries>();
        services.AddScoped<SupplyWarnings>();
        services.AddScoped<SupplyRequests>();
        services.AddOptions<SupplyOptions>().BindConfiguration("Supplies");
        return services;
    }
}

namespace Fangkong.Web.Features.Community.GroupOrders;

public static class GroupOrdersSetup
{
    public static IServiceCollection AddGroupOrders(this IServiceCollection services)
    {
        services.AddScoped<GroupOrderDesk>();
        services.AddScoped<GroupOrderExport>();
        services.AddOptions<GroupOrdersOptions>().BindConfiguration("GroupOrders");
        return services;
    }
}

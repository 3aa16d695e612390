using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Features.RiskAreas;

namespace Fangkong.Web.Features.Investigation;

public static class InvestigationSetup
{
    public static IServiceCollection AddInvestigation(this IServiceCollection services)
    {
        services.AddOptions<InvestigationOptions>().BindConfiguration(InvestigationOptions.Section);
        services.AddScoped<CrossDistrictLinks>();
        services.AddScoped<InvestigationPeople>();
        services.AddScoped<LineListCounts>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<ICaseIntake>(sp => sp.GetRequiredService<CaseDesk>());
        services.AddScoped<ContactTracing>();
        services.AddScoped<FourCategories>();
        services.AddScoped<TransmissionChains>();
        services.AddScoped<IHealthStatusContributor, InvestigationStatusContributor>();
        services.AddScoped<AreaRiskService>();
        services.AddScoped<RiskAreaPublication>();
        services.AddScoped<IHealthStatusContributor, RiskAreaStatusContributor>();
        services.AddOptions<RiskAreaOptions>().BindConfiguration(RiskAreaOptions.Section);
        services.AddHostedService<AreaRiskDaily>();
        services.AddScoped<Demo.DemoInvestigationSeeder>();
        return services;
    }
}

namespace Fangkong.Web.Features.Treatment;

public static class TreatmentSetup
{
    public static IServiceCollection AddTreatment(this IServiceCollection services)
    {
        services.AddScoped<Locations>();
        services.AddScoped<PatientFlow>();
        services.AddScoped<TreatmentBoard>();
        services.AddScoped<WardAdmin>();
        services.AddScoped<Turnover>();
        services.AddOptions<TreatmentOptions>().BindConfiguration("Treatment");
        return services;
    }

    public static IEndpointRouteBuilder MapTreatmentApi(this IEndpointRouteBuilder app)
    {
        app.MapPatientsAndWards();
        return app;
    }
}

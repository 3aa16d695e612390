using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Retention;

// The daily retention run: when the China date changes (checked every ten minutes on the platform's
// clock) the job runs once with system scope, like the area-risk computation.
public sealed class RetentionDaily(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionDaily> logger) : BackgroundService
{
    public static readonly AuditActor Actor = new("system:retention", "system", "local");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Daily) return;
        DateOnly? done = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            var today = Platform.Localization.ChinaTime.Today(clock);
            if (done == today) continue;
            try
            {
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
                await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(Actor, stoppingToken);
                done = today;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Retention run for {Day} failed; retried at the next tick.", today);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class RetentionSetup
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RetentionOptions>(config.GetSection(RetentionOptions.Section));
        services.AddScoped<RetentionJob>();
        services.AddHostedService<RetentionDaily>();
        return services;
    }
}

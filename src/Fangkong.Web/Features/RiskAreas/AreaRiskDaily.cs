using Fangkong.Web.Platform.Access;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.RiskAreas;

public sealed class RiskAreaOptions
{
    public const string Section = "RiskAreas";
    // Compute every area's level once a day (China date), and at start if today's run is missing.
    public bool DailyComputation { get; set; } = true;
}

// The daily run: when the China date changes (checked every ten minutes on the platform's clock), every
// committee's level is computed for the new day with system scope.
public sealed class AreaRiskDaily(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RiskAreaOptions> options, ILogger<AreaRiskDaily> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DailyComputation) return;
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
                var result = await scope.ServiceProvider.GetRequiredService<AreaRiskService>().ComputeAsync(today, null, stoppingToken);
                logger.LogInformation("Area risk levels for {Day}: {Areas} areas, {Changed} changed (rules v{Version}).", today, result.Areas, result.Changed, result.RuleVersion);
                done = today;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Area risk computation for {Day} failed; retried at the next tick.", today);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using System.Collections.Concurrent;
using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Live;

namespace Fangkong.Web.Features.Surveillance;

// Recomputes the warnings of the districts a new report touched and pushes the ones not seen before
// to the pages open on those districts (LiveNotifier re-reads each connection's account and jurisdiction per push).
public sealed class WarningBoard(IServiceScopeFactory scopes, LiveNotifier live, ILogger<WarningBoard> logger)
{
    private readonly ConcurrentDictionary<string, DateOnly> _known = new();

    public async Task RefreshAsync(IEnumerable<string> divisionCodes, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
            var forecasts = scope.ServiceProvider.GetRequiredService<Forecasts>();
            foreach (var district in divisionCodes.Where(c => c.Length >= 6).Select(DivisionCodes.DistrictOf).Distinct())
                foreach (var warning in await forecasts.WarningsForAreaAsync(district, ct))
                {
                    var key = $"{warning.DivisionCode}/{warning.Resource}";
                    if (_known.TryGetValue(key, out var seen) && seen == warning.FirstShortfall) continue;
                    _known[key] = warning.FirstShortfall;
                    await live.WarningAsync(warning.DivisionCode, warning);
                }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed projection must not fail the report that triggered it; the page still computes warnings on demand.
            logger.LogWarning(ex, "Recomputing warnings after a report failed.");
        }
    }
}

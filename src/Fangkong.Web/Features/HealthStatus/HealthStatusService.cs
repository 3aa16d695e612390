using Fangkong.Web.Platform.Access;

namespace Fangkong.Web.Features.HealthStatus;

public sealed record HealthStatusView(HealthColour Colour, IReadOnlyList<HealthStatusReason> Reasons, DateTime EvaluatedAt);

// A person's colour is the most restrictive reason any module gives. Contributors run in a scope of
// their own with system jurisdiction: the colour must not depend on who asks (a district worker and the
// city's checkpoint must see the same colour), and who may *see* the person is checked by the caller.
public sealed class HealthStatusService(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string NoRecordCode = "no-record";

    public async Task<HealthStatusView> EvaluateAsync(Guid personId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<JurisdictionContext>().Current = Jurisdiction.System;
        var reasons = new List<HealthStatusReason>();
        foreach (var contributor in scope.ServiceProvider.GetServices<IHealthStatusContributor>())
            reasons.AddRange(await contributor.ReasonsAsync(personId, ct));
        var now = clock.GetUtcNow().UtcDateTime;
        if (reasons.Count == 0)
            return new HealthStatusView(HealthColour.Green, [new HealthStatusReason(HealthColour.Green, NoRecordCode, "无风险记录", "No record", now)], now);
        // Most restrictive first, then the longest-standing, so the first reason explains the colour.
        var ordered = reasons.OrderByDescending(r => r.Colour).ThenBy(r => r.Since).ToList();
        return new HealthStatusView(ordered[0].Colour, ordered, now);
    }
}

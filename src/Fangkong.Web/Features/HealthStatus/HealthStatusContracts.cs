namespace Fangkong.Web.Features.HealthStatus;

// 健康码 colours, in rising order of restriction: a person's status is the most restrictive reason any
// module gives.
public enum HealthColour { Green = 0, Yellow = 1, Red = 2 }

// One reason for a colour, in words a checkpoint officer and the resident can read (no diagnosis or ID
// number: the reason is printed on the resident's own screen and may be shown at a checkpoint).
public sealed record HealthStatusReason(HealthColour Colour, string Code, string ZhText, string EnText, DateTime Since);

// Each module that knows something about a person's risk (cases, contacts, screening, area risk levels)
// contributes reasons; the health-status service takes the most restrictive. Contributors read with
// system scope: a status is derived from all the data, whoever asks.
public interface IHealthStatusContributor
{
    Task<IReadOnlyList<HealthStatusReason>> ReasonsAsync(Guid personId, CancellationToken ct);
}

// Modules call this after a change that can alter a person's colour (a case opened, a quarantine ended,
// a pool turned positive, an area's level changed) so tokens issued for the old colour stop verifying.
public interface IHealthStatusChanges
{
    Task PersonChangedAsync(Guid personId, CancellationToken ct);
    Task PeopleChangedAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct);
}

// Contributors are resolved only inside HealthStatusService's own DI scope, whose jurisdiction is the
// system's, so their reads need no switching the scope filter off. Resolved in a caller's scope they would
// silently see less and give a milder colour; refuse that instead.
public static class HealthStatusScope
{
    public static void EnsureSystem(Platform.Data.FangkongDb db)
    {
        if (!db.Jurisdiction.Everything)
            throw new InvalidOperationException("health-status contributors run only in HealthStatusService's system scope");
    }
}

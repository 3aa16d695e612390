using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fangkong.Web.Platform.Data;

// Healthy when the store answers, audit trail included. Migrations are applied before the host listens.
public sealed class DatabaseHealthCheck(FangkongDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The audit trail is the store personal data depends on: if it cannot be read, report unhealthy.
            await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy(db.Database.ProviderName);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database error", ex);
        }
    }
}

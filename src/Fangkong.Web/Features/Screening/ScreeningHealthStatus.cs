using Fangkong.Web.Features.HealthStatus;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Screening;

public sealed class ScreeningOptions
{
    // How long after a round's deadline a resident who skipped it stays yellow ("overdue screening").
    // A later round covering the resident supersedes an earlier one.
    public int OverdueDays { get; set; } = 3;
}

// Screening's reasons for a person's colour. Everything is answered with a handful of indexed lookups,
// since a checkpoint asks for one person at a time: controls by ID number; the latest past-deadline
// round whose area contains the person's committee (rounds are few); then one probe of
// SamplingRecords' (IdNumber, RoundId) index.
public sealed class ScreeningHealthStatus(FangkongDb db, TimeProvider clock, IOptions<ScreeningOptions> options) : IHealthStatusContributor
{
    public async Task<IReadOnlyList<HealthStatusReason>> ReasonsAsync(Guid personId, CancellationToken ct)
    {
        HealthStatusScope.EnsureSystem(db);
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.IdNumber, p.DivisionCode }).FirstOrDefaultAsync(ct);
        if (person is null) return [];
        var reasons = new List<HealthStatusReason>();
        var controls = await db.PoolControls.AsNoTracking()
            .Where(c => c.IdNumber == person.IdNumber && c.Status != ControlStatus.Cleared).ToListAsync(ct);
        foreach (var c in controls)
            reasons.Add(c.Status == ControlStatus.Positive
                ? new HealthStatusReason(HealthColour.Red, "screening.positive", "核酸检测阳性", "Positive nucleic-acid test", c.ResolvedAt ?? c.Since)
                : new HealthStatusReason(HealthColour.Yellow, "screening.poolPositive", "混采阳性，待单采复核", "Pooled test positive, awaiting individual retest", c.Since));

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-options.Value.OverdueDays);
        var code = person.DivisionCode;
        var areas = new List<string>();
        for (var length = 2; length <= code.Length; length = length switch { 2 => 4, 4 => 6, 6 => 9, 9 => 12, _ => int.MaxValue }) areas.Add(code[..length]);
        var round = await db.ScreeningRounds.AsNoTracking()
            .Where(r => areas.Contains(r.AreaCode) && r.DeadlineUtc < now)
            .OrderByDescending(r => r.DeadlineUtc).Select(r => new { r.Id, r.DeadlineUtc }).FirstOrDefaultAsync(ct);
        if (round is not null && round.DeadlineUtc >= since
            && !await db.SamplingRecords.AnyAsync(s => s.IdNumber == person.IdNumber && s.RoundId == round.Id, ct))
            reasons.Add(new HealthStatusReason(HealthColour.Yellow, "screening.overdue", "未按时参加核酸筛查", "Missed the screening round's deadline", round.DeadlineUtc));
        return reasons;
    }
}

using System.Globalization;
using Fangkong.Core.Divisions;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.Screening;

public sealed record RoundInput(string? AreaCode, string? Name, string? Date, string? Deadline, int? PoolSize);

public sealed record PointInput(string? Code, string? Name, string? CommitteeCode, double? Latitude, double? Longitude, string? Opens, string? Closes);

public sealed record RoundSummary(int Id, string AreaCode, string AreaName, string Name, DateOnly Date, DateTime DeadlineUtc, int PoolSize,
    RoundStatus Status, int Version, long Tubes, long Positive, long Pending);

// Rounds and sampling points. Reads go through the jurisdiction filters; a round is opened only for an
// area inside the caller's scope.
public sealed class ScreeningRounds(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int MaxPoolSize = 20;

    public async Task<IReadOnlyList<RoundSummary>> ListAsync(CancellationToken ct)
    {
        var rounds = await db.ScreeningRounds.AsNoTracking().OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Take(200).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var tubes = await db.Tubes.AsNoTracking().Where(t => ids.Contains(t.RoundId) && t.Kind != TubeKind.Retest)
            .GroupBy(t => new { t.RoundId, t.Result }).Select(g => new { g.Key.RoundId, g.Key.Result, Count = g.LongCount() }).ToListAsync(ct);
        var names = await AreaNamesAsync(rounds.Select(r => r.AreaCode), ct);
        return rounds.Select(r => Summary(r, names, tubes.Where(t => t.RoundId == r.Id).Select(t => (t.Result, t.Count)))).ToList();
    }

    public async Task<RoundSummary?> SummaryAsync(int id, CancellationToken ct)
    {
        var round = await FindAsync(id, ct);
        if (round is null) return null;
        var tubes = await db.Tubes.AsNoTracking().Where(t => t.RoundId == id && t.Kind != TubeKind.Retest)
            .GroupBy(t => t.Result).Select(g => new { Result = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return Summary(round, await AreaNamesAsync([round.AreaCode], ct), tubes.Select(t => (t.Result, t.Count)));
    }

    private static RoundSummary Summary(ScreeningRound r, Dictionary<string, string> names, IEnumerable<(TubeResult Result, long Count)> tubes)
    {
        var list = tubes.ToList();
        return new RoundSummary(r.Id, r.AreaCode, names.GetValueOrDefault(r.AreaCode, r.AreaCode), r.Name, r.Date, r.DeadlineUtc, r.PoolSize, r.Status, r.Version,
            list.Sum(t => t.Count), list.Where(t => t.Result == TubeResult.Positive).Sum(t => t.Count), list.Where(t => t.Result == TubeResult.Pending).Sum(t => t.Count));
    }

    private async Task<Dictionary<string, string>> AreaNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.Divisions.AsNoTracking().Where(d => list.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    // Out of scope and non-existent answer the same (404); the denial is audited.
    public async Task<ScreeningRound?> FindAsync(int id, CancellationToken ct)
    {
        var round = await db.ScreeningRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        // No unscoped probe for whether it exists elsewhere: every miss is audited the same way.
        if (round is null)
            await audit.AppendAsync(user.Actor, new AuditEvent("screening.round.read", AuditOutcome.Denied, "screeningRound", id.ToString(CultureInfo.InvariantCulture), "not found or outside jurisdiction"), ct);
        return round;
    }

    public async Task<WriteOutcome<ScreeningRound>> OpenAsync(RoundInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var area = input.AreaCode?.Trim() ?? "";
        if (!DivisionCodes.IsWellFormed(area) || area.Length < 4)
            errors.Add("areaCode", "须为市、区、街道或居委会的 GB/T 2260 代码 / must be the code of a city, district, street or committee");
        else if (!await db.Divisions.AnyAsync(d => d.Code == area, ct))
            errors.Add("areaCode", $"区划代码不存在 / unknown division {area}");
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "名称必填 / name is required");
        else if (name.Length > 100) errors.Add("name", "名称最长 100 字 / at most 100 characters");
        if (!DateOnly.TryParseExact(input.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add("date", "日期格式须为 yyyy-MM-dd / the date must be yyyy-MM-dd");
        // Deadlines are written in China time (that is how a notice states them) and stored in UTC.
        DateTime deadline = default;
        if (!DateTime.TryParseExact(input.Deadline?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            errors.Add("deadline", "截止时间格式须为 yyyy-MM-dd HH:mm（北京时间）/ the deadline must be yyyy-MM-dd HH:mm, China time");
        else
        {
            deadline = DateTime.SpecifyKind(local.AddHours(-8), DateTimeKind.Utc);
            if (date != default && DateOnly.FromDateTime(local) < date) errors.Add("deadline", "截止时间早于筛查日期 / the deadline is before the round's date");
        }
        var poolSize = input.PoolSize ?? 10;
        if (poolSize is < 1 or > MaxPoolSize) errors.Add("poolSize", $"混采人数须为 1 到 {MaxPoolSize} / the pool size must be 1 to {MaxPoolSize}");
        if (errors.Any) return new WriteOutcome<ScreeningRound>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(area))
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("screening.round.create", AuditOutcome.Denied, "division", area, "outside jurisdiction"), ct);
            return new WriteOutcome<ScreeningRound>.Forbidden(errors.Add("areaCode", "不在您的管辖范围内 / outside your jurisdiction"));
        }
        var round = ScreeningRound.Open(area, name, date, deadline, poolSize, user.UserName, clock.GetUtcNow().UtcDateTime);
        db.ScreeningRounds.Add(round);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.round.create", AuditOutcome.Success, "screeningRound", round.Id.ToString(CultureInfo.InvariantCulture), $"area={area}"), ct);
        return new WriteOutcome<ScreeningRound>.Done(round);
    }

    public async Task<WriteOutcome<ScreeningRound>> CloseAsync(int id, int expectedVersion, CancellationToken ct)
    {
        var round = await db.ScreeningRounds.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return new WriteOutcome<ScreeningRound>.NotFound();
        if (!user.Jurisdiction.CoversDivision(round.AreaCode))
            return new WriteOutcome<ScreeningRound>.Forbidden(new FieldErrors().Add("areaCode", "只有管辖整个筛查范围的用户可以结束本轮 / only a user whose scope covers the whole area may close the round"));
        if (round.Version != expectedVersion) return new WriteOutcome<ScreeningRound>.Stale(round.Version);
        round.Close(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.round.close", AuditOutcome.Success, "screeningRound", id.ToString(CultureInfo.InvariantCulture)), ct);
        return new WriteOutcome<ScreeningRound>.Done(round);
    }

    public async Task<IReadOnlyList<SamplingPoint>> PointsAsync(string? division, CancellationToken ct)
    {
        var q = db.SamplingPoints.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division)) q = q.Where(p => p.CommitteeCode.StartsWith(division.Trim()));
        return await q.OrderBy(p => p.CommitteeCode).ThenBy(p => p.Code).Take(2000).ToListAsync(ct);
    }

    public async Task<WriteOutcome<SamplingPoint>> AddPointAsync(PointInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var code = input.Code?.Trim() ?? "";
        if (code.Length is 0 or > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            errors.Add("code", "编号须为 1–20 位字母、数字或连字符 / the code must be 1–20 letters, digits or hyphens");
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add("name", "名称必填，最长 100 字 / name is required, at most 100 characters");
        var committee = input.CommitteeCode?.Trim() ?? "";
        if (committee.Length != 12 || !await db.Divisions.AnyAsync(d => d.Code == committee, ct))
            errors.Add("committeeCode", "须为存在的 12 位居（村）委会代码 / must be an existing 12-digit committee code");
        if (input.Latitude is { } lat && (lat < -90 || lat > 90)) errors.Add("latitude", "纬度须在 -90 到 90 之间 / must be between -90 and 90");
        if (input.Longitude is { } lon && (lon < -180 || lon > 180)) errors.Add("longitude", "经度须在 -180 到 180 之间 / must be between -180 and 180");
        if (!TimeOnly.TryParseExact(input.Opens?.Trim() ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens))
            errors.Add("opens", "开放时间格式为 HH:mm / opening time must be HH:mm");
        if (!TimeOnly.TryParseExact(input.Closes?.Trim() ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
            errors.Add("closes", "关闭时间格式为 HH:mm / closing time must be HH:mm");
        else if (closes <= opens) errors.Add("closes", "关闭时间须晚于开放时间 / must be after the opening time");
        if (errors.Any) return new WriteOutcome<SamplingPoint>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(committee))
        {
            await audit.AppendAsync(user.Actor, new AuditEvent("screening.point.create", AuditOutcome.Denied, "division", committee, "outside jurisdiction"), ct);
            return new WriteOutcome<SamplingPoint>.Forbidden(errors.Add("committeeCode", "不在您的管辖范围内 / outside your jurisdiction"));
        }
        // unscoped: a sampling point is a public place, not personal data; its code is unique city-wide (the answer is "used", nothing more)
        if (await db.SamplingPoints.IgnoreQueryFilters().AnyAsync(p => p.Code == code, ct))
            return new WriteOutcome<SamplingPoint>.Invalid(errors.Add("code", "该编号已被使用 / this code is already used"));
        var point = SamplingPoint.Set(Guid.CreateVersion7(), code, name, committee, input.Latitude, input.Longitude, opens, closes, clock.GetUtcNow().UtcDateTime);
        db.SamplingPoints.Add(point);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("screening.point.create", AuditOutcome.Success, "samplingPoint", point.Id.ToString()), ct);
        return new WriteOutcome<SamplingPoint>.Done(point);
    }
}

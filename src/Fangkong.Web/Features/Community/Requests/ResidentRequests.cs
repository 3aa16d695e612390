using System.Text.RegularExpressions;
using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Community.Requests;

// DivisionCode is read only from workers; a resident's committee comes from the QR code.
public sealed record RequestInput(string? Kind, string? Description, string? Building, string? Room, string? Phone, bool? Urgent,
    string? DivisionCode = null);

public sealed record AssignInput(string? AssignedTo);

public sealed record DeliverInput(string? Note);

public sealed record QrCodeInput(string? DivisionCode, string? Label);

// What a worker sees: the phone masked (residents' numbers are never shown in full on a list).
public sealed record RequestView(Guid Id, string DivisionCode, string Receipt, string Channel, string Kind, bool Urgent, string Description,
    string Building, string Room, string Phone, DateTime CreatedAt, DateTime DueAt, string Status, string? AssignedTo, DateTime? AssignedAt,
    DateTime? DeliveredAt, DateTime? ClosedAt, bool ResidentConfirmed, bool Overdue, int Version);

// What the holder of a receipt sees: this request's progress and nothing personal.
public sealed record ReceiptView(string Receipt, string Kind, bool Urgent, string Status, DateTime CreatedAt, DateTime DueAt,
    DateTime? AssignedAt, DateTime? DeliveredAt, DateTime? ClosedAt, bool ResidentConfirmed, bool Overdue, bool CanConfirm);

public sealed record Submitted(string Receipt, string StatusUrl, DateTime DueAt);

public sealed record QrCodeView(Guid Id, string DivisionCode, string Label, string Url, DateTime CreatedAt, DateTime? RevokedAt, bool Active, int Version);

public sealed record CommitteeStats(string DivisionCode, int Total, IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByStatus,
    int Overdue, double? MedianHoursToDelivery);

// A QR code's daily budget is spent: 429, like the per-address limit.
public sealed record DailyCapReached(FieldErrors Errors) : WriteOutcome<Submitted>;

// 急难愁盼: requests filed by workers or by residents through their compound's QR code, assigned,
// delivered and closed with the resident's confirmation. Workers read through the jurisdiction
// filter; the resident paths have no account, so they look up exactly one code (by token) and one
// request (by token's committee and receipt) past the filter, and show nothing else.
public sealed partial class ResidentRequests(FangkongDb db, CurrentUser user, AuditLog audit, TimeProvider clock, IOptions<CommunityRequestsOptions> options,
    DbContextOptions<FangkongDb> dbOptions)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private CommunityRequestsOptions O => options.Value;

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    // ---- QR codes ----

    public async Task<List<QrCodeView>> QrCodesAsync(CancellationToken ct) =>
        [.. (await db.CommunityQrCodes.AsNoTracking().OrderBy(q => q.DivisionCode).ThenByDescending(q => q.CreatedAt).Take(Paging.MaxPageSize).ToListAsync(ct))
            .Select(View)];

    public async Task<WriteOutcome<QrCodeView>> IssueQrCodeAsync(QrCodeInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var committee = await CommitteeAsync(input.DivisionCode, errors, ct);
        var label = input.Label?.Trim() ?? "";
        if (label.Length > 100) errors.Add("label", "最长 100 字符 / at most 100 characters");
        if (errors.Any) return new WriteOutcome<QrCodeView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(committee))
            return new WriteOutcome<QrCodeView>.Forbidden(new FieldErrors().Add("divisionCode", "不在管辖范围内 / outside your jurisdiction"));
        var code = CommunityQrCode.Issue(committee, label, user.UserName ?? "", Now);
        db.CommunityQrCodes.Add(code);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.qrcode.issue", AuditOutcome.Success, "communityQrCode", code.Id.ToString(), committee), ct);
        return new WriteOutcome<QrCodeView>.Done(View(code));
    }

    public async Task<WriteOutcome<QrCodeView>> RevokeQrCodeAsync(Guid id, CancellationToken ct)
    {
        var code = await db.CommunityQrCodes.FirstOrDefaultAsync(q => q.Id == id, ct);
        if (code is null) return new WriteOutcome<QrCodeView>.NotFound();
        code.Revoke(user.UserName ?? "", Now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.qrcode.revoke", AuditOutcome.Success, "communityQrCode", code.Id.ToString(), code.DivisionCode), ct);
        return new WriteOutcome<QrCodeView>.Done(View(code));
    }

    // The committee's name for the resident page; null when the token is unknown or revoked.
    public async Task<(CommunityQrCode Code, string CommitteeName)?> ActiveCodeAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 40) return null;
        // unscoped: the resident pages are anonymous: the QR token is the credential, the code row holds no personal data
        var code = await db.CommunityQrCodes.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(q => q.Token == token, ct);
        if (code is null || !code.IsActive) return null;
        var name = await db.Divisions.AsNoTracking().Where(d => d.Code == code.DivisionCode).Select(d => d.Name).FirstOrDefaultAsync(ct);
        return (code, name ?? code.DivisionCode);
    }

    // ---- filing ----

    public async Task<WriteOutcome<Submitted>> SubmitByResidentAsync(string token, RequestInput input, CancellationToken ct)
    {
        if (await ActiveCodeAsync(token, ct) is not { } found)
            return new WriteOutcome<Submitted>.NotFound();
        var code = found.Code;
        var errors = Validate(input, out var kind, out var phone);
        if (errors.Any) return new WriteOutcome<Submitted>.Invalid(errors);
        var since = Now.AddDays(-1);
        int filedToday;
        await using (var committee = CommitteeDb(code.DivisionCode))
            filedToday = await committee.ResidentRequests.CountAsync(r => r.QrCodeId == code.Id && r.CreatedAt >= since, ct);
        if (filedToday >= O.DailyCapPerCode)
            return new DailyCapReached(new FieldErrors().Add("token", "该二维码今日提交已达上限，请联系居委会 / this code's daily limit is reached; call your committee"));
        var request = ResidentRequest.File(code.DivisionCode, RequestChannel.QrCode, code.Id, kind, input.Urgent ?? false, input.Description!.Trim(),
            input.Building!.Trim(), input.Room?.Trim() ?? "", phone, null, Now, Now + O.DueWithin(kind, input.Urgent ?? false));
        db.ResidentRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.request.resident", AuditOutcome.Success, "residentRequest", request.Id.ToString(),
            $"{code.DivisionCode} {kind}"), ct);
        return new WriteOutcome<Submitted>.Done(new Submitted(request.Receipt, $"/r/{token}/status/{request.Receipt}", request.DueAt));
    }

    public async Task<WriteOutcome<RequestView>> FileByWorkerAsync(RequestInput input, CancellationToken ct)
    {
        var errors = Validate(input, out var kind, out var phone);
        var committee = await CommitteeAsync(input.DivisionCode, errors, ct);
        if (errors.Any) return new WriteOutcome<RequestView>.Invalid(errors);
        if (!user.Jurisdiction.CoversDivision(committee))
            return new WriteOutcome<RequestView>.Forbidden(new FieldErrors().Add("divisionCode", "不在管辖范围内 / outside your jurisdiction"));
        var urgent = input.Urgent ?? false;
        var request = ResidentRequest.File(committee, RequestChannel.Worker, null, kind, urgent, input.Description!.Trim(), input.Building!.Trim(),
            input.Room?.Trim() ?? "", phone, user.UserName, Now, Now + O.DueWithin(kind, urgent));
        db.ResidentRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.request.file", AuditOutcome.Success, "residentRequest", request.Id.ToString(),
            $"{committee} {kind}"), ct);
        return new WriteOutcome<RequestView>.Done(View(request));
    }

    private FieldErrors Validate(RequestInput input, out RequestKind kind, out string phone)
    {
        var errors = new FieldErrors();
        kind = default;
        if (string.IsNullOrWhiteSpace(input.Kind) || int.TryParse(input.Kind, out _) || !Enum.TryParse(input.Kind.Trim(), true, out kind))
            errors.Add("kind", "须为 medicine、dailyNecessities、medicalHelp 或 otherHelp / unknown kind");
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0) errors.Add("description", "必填 / required");
        else if (description.Length > 500) errors.Add("description", "最长 500 字符 / at most 500 characters");
        var building = input.Building?.Trim() ?? "";
        if (building.Length == 0) errors.Add("building", "必填 / required");
        else if (building.Length > 40) errors.Add("building", "最长 40 字符 / at most 40 characters");
        if (input.Room is { Length: > 20 }) errors.Add("room", "最长 20 字符 / at most 20 characters");
        phone = (input.Phone ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (phone.Length == 0) errors.Add("phone", "必填 / required");
        else if (!Mobile().IsMatch(phone)) errors.Add("phone", "须为 11 位中国大陆手机号 / must be an 11-digit mainland mobile number");
        return errors;
    }

    private async Task<string> CommitteeAsync(string? divisionCode, FieldErrors errors, CancellationToken ct)
    {
        var code = divisionCode?.Trim() ?? "";
        if (code.Length == 0) errors.Add("divisionCode", "必填 / required");
        else if (code.Length != 12 || !await db.Divisions.AnyAsync(d => d.Code == code, ct))
            errors.Add("divisionCode", "须为已知的居（村）委会代码 / must be a known committee code");
        return code;
    }

    // ---- the resident's receipt ----

    public async Task<ReceiptView?> ReceiptAsync(string token, string receipt, CancellationToken ct)
    {
        if (await CommitteeOfAsync(token, receipt, ct) is not { } committee) return null;
        await using var committeeDb = CommitteeDb(committee);
        return await FindByReceiptAsync(committeeDb, committee, receipt, tracked: false, ct) is { } r ? Receipt(r) : null;
    }

    public async Task<WriteOutcome<ReceiptView>> ConfirmByResidentAsync(string token, string receipt, CancellationToken ct)
    {
        if (await CommitteeOfAsync(token, receipt, ct) is not { } committee) return new WriteOutcome<ReceiptView>.NotFound();
        await using var committeeDb = CommitteeDb(committee);
        var request = await FindByReceiptAsync(committeeDb, committee, receipt, tracked: true, ct);
        if (request is null) return new WriteOutcome<ReceiptView>.NotFound();
        if (request is { Status: RequestStatus.Closed, ResidentConfirmed: true }) return new WriteOutcome<ReceiptView>.Done(Receipt(request));
        if (request.Status != RequestStatus.Delivered)
            return new WriteOutcome<ReceiptView>.Invalid(new FieldErrors().Add("status", "尚未送达，不能确认 / not delivered yet"));
        request.ConfirmByResident(Now);
        await committeeDb.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("community.request.confirm", AuditOutcome.Success, "residentRequest", request.Id.ToString()), ct);
        return new WriteOutcome<ReceiptView>.Done(Receipt(request));
    }

    // A code revoked after filing still shows its requests' receipts: the receipt is the secret, and a
    // resident must be able to confirm delivery after the committee has replaced a leaked code.
    private async Task<string?> CommitteeOfAsync(string token, string receipt, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 40 || string.IsNullOrEmpty(receipt) || receipt.Length > 20) return null;
        // unscoped: the resident pages are anonymous: the QR token is the credential, the code row holds no personal data
        return await db.CommunityQrCodes.IgnoreQueryFilters().AsNoTracking().Where(q => q.Token == token).Select(q => q.DivisionCode).FirstOrDefaultAsync(ct);
    }

    private static async Task<ResidentRequest?> FindByReceiptAsync(FangkongDb committeeDb, string committee, string receipt, bool tracked, CancellationToken ct)
    {
        var normalized = receipt.Trim().ToUpperInvariant();
        var q = committeeDb.ResidentRequests.Where(r => r.Receipt == normalized && r.DivisionCode == committee);
        return await (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    // An anonymous resident holding a committee's QR code reads that committee's requests, and only
    // through the scope filter set to that committee — never with the filters switched off.
    private FangkongDb CommitteeDb(string committee) =>
        new(dbOptions, new JurisdictionContext { Current = Jurisdiction.ForDivision(committee) });

    // ---- the workers' desk ----

    public async Task<RequestView?> FindAsync(Guid id, CancellationToken ct) =>
        await db.ResidentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r ? View(r) : null;

    // Open work first: overdue, then urgent, then by deadline; closed requests only when asked for.
    public async Task<List<RequestView>> ListAsync(string? status, string? division, CancellationToken ct)
    {
        var q = db.ResidentRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status) && Enum.TryParse<RequestStatus>(status, true, out var s)) q = q.Where(r => r.Status == s);
        else q = q.Where(r => r.Status != RequestStatus.Closed);
        if (!string.IsNullOrWhiteSpace(division)) q = q.Where(r => r.DivisionCode.StartsWith(division.Trim()));
        var rows = await q.OrderBy(r => r.DueAt).Take(Paging.MaxPageSize).ToListAsync(ct);
        var now = Now;
        return [.. rows.OrderByDescending(r => r.IsOverdue(now)).ThenByDescending(r => r.Urgent).ThenBy(r => r.DueAt).Select(View)];
    }

    public Task<WriteOutcome<RequestView>> AssignAsync(Guid id, int expected, AssignInput input, CancellationToken ct)
    {
        var helper = input.AssignedTo?.Trim() ?? "";
        if (helper.Length == 0 || helper.Length > 100)
            return Task.FromResult<WriteOutcome<RequestView>>(new WriteOutcome<RequestView>.Invalid(
                new FieldErrors().Add("assignedTo", "必填，最长 100 字符 / required, at most 100 characters")));
        return ChangeAsync(id, expected, "assign", r => r.Status is RequestStatus.Open or RequestStatus.Assigned, r => r.AssignTo(helper, Now), ct);
    }

    public Task<WriteOutcome<RequestView>> DeliverAsync(Guid id, int expected, DeliverInput input, CancellationToken ct)
    {
        if (input.Note is { Length: > 500 })
            return Task.FromResult<WriteOutcome<RequestView>>(new WriteOutcome<RequestView>.Invalid(new FieldErrors().Add("note", "最长 500 字符 / at most 500 characters")));
        return ChangeAsync(id, expected, "deliver", r => r.Status is RequestStatus.Open or RequestStatus.Assigned, r => r.MarkDelivered(input.Note?.Trim(), Now), ct);
    }

    public Task<WriteOutcome<RequestView>> CloseAsync(Guid id, int expected, CancellationToken ct) =>
        ChangeAsync(id, expected, "close", r => r.Status != RequestStatus.Closed, r => r.CloseByWorker(user.UserName ?? "", Now), ct);

    private async Task<WriteOutcome<RequestView>> ChangeAsync(Guid id, int expected, string step, Func<ResidentRequest, bool> allowed,
        Action<ResidentRequest> change, CancellationToken ct)
    {
        var request = await db.ResidentRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return new WriteOutcome<RequestView>.NotFound();
        if (request.Version != expected) return new WriteOutcome<RequestView>.Stale(request.Version);
        if (!allowed(request))
            return new WriteOutcome<RequestView>.Invalid(new FieldErrors().Add("status", $"当前状态 {request.Status} 不能执行此操作 / not allowed while {request.Status}"));
        change(request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.ResidentRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.Version).FirstAsync(ct);
            return new WriteOutcome<RequestView>.Stale(current);
        }
        await audit.AppendAsync(user.Actor, new AuditEvent("community.request." + step, AuditOutcome.Success, "residentRequest", id.ToString()), ct);
        return new WriteOutcome<RequestView>.Done(View(request));
    }

    // Per committee in scope: counts by kind and status, overdue now, median hours from filing to delivery.
    public async Task<List<CommitteeStats>> StatsAsync(CancellationToken ct)
    {
        var rows = await db.ResidentRequests.AsNoTracking()
            .Select(r => new { r.DivisionCode, r.Kind, r.Status, r.CreatedAt, r.DueAt, r.DeliveredAt }).ToListAsync(ct);
        var now = Now;
        return [.. rows.GroupBy(r => r.DivisionCode).OrderBy(g => g.Key).Select(g =>
        {
            var hours = g.Where(r => r.DeliveredAt is not null).Select(r => (r.DeliveredAt!.Value - r.CreatedAt).TotalHours).Order().ToList();
            double? median = hours.Count == 0 ? null : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
            return new CommitteeStats(g.Key, g.Count(),
                g.GroupBy(r => r.Kind.ToString()).ToDictionary(k => k.Key, k => k.Count()),
                g.GroupBy(r => r.Status.ToString()).ToDictionary(k => k.Key, k => k.Count()),
                g.Count(r => r.Status is RequestStatus.Open or RequestStatus.Assigned && now > r.DueAt),
                median is null ? null : Math.Round(median.Value, 2));
        })];
    }

    private RequestView View(ResidentRequest r) => new(r.Id, r.DivisionCode, r.Receipt, r.Channel.ToString(), r.Kind.ToString(), r.Urgent, r.Description,
        r.Building, r.Room, Masking.Phone(r.Phone), r.CreatedAt, r.DueAt, r.Status.ToString(), r.AssignedTo, r.AssignedAt, r.DeliveredAt, r.ClosedAt,
        r.ResidentConfirmed, r.IsOverdue(Now), r.Version);

    private ReceiptView Receipt(ResidentRequest r) => new(r.Receipt, r.Kind.ToString(), r.Urgent, r.Status.ToString(), r.CreatedAt, r.DueAt,
        r.AssignedAt, r.DeliveredAt, r.ClosedAt, r.ResidentConfirmed, r.IsOverdue(Now), r.Status == RequestStatus.Delivered);

    private static QrCodeView View(CommunityQrCode q) => new(q.Id, q.DivisionCode, q.Label, $"/r/{q.Token}", q.CreatedAt, q.RevokedAt, q.IsActive, q.Version);
}

using System.Security.Cryptography;
using Fangkong.Core.Privacy;
using Fangkong.HealthCodes;
using Fangkong.Web.Features.People;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.HealthStatus;

public sealed record IssuedCodeView(string Serial, HealthColour Colour, DateTime IssuedAt, DateTime ExpiresAt, string Channel, string IssuedBy,
    DateTime? RevokedAt, string? RevokedReason);

public sealed record PersonHealthStatus(PersonDto Person, HealthStatusView Status, IReadOnlyList<IssuedCodeView> Codes);

public sealed record IssuedToken(string Token, string Serial, HealthColour Colour, DateTime IssuedAt, DateTime ExpiresAt, IReadOnlyList<HealthStatusReason> Reasons);

// Staff read a person's status and issue codes through here: the person is looked up through the
// jurisdiction filter (404 outside scope, audited like any personal-data read), the colour comes from
// the status service, and every issuance is audited with the serial, never the ID number.
public sealed class HealthCodeDesk(FangkongDb db, PeopleRegistry people, HealthStatusService status, SigningKeys keys,
    CurrentUser user, AuditLog audit, TimeProvider clock, IOptions<HealthStatusOptions> options)
{
    public async Task<PersonHealthStatus?> StatusAsync(Guid personId, CancellationToken ct)
    {
        var person = await people.FindAsync(personId, ct, "health-status.read");
        if (person is null) return null;
        var view = await status.EvaluateAsync(person.Id, ct);
        var codes = await db.IssuedHealthCodes.AsNoTracking().Where(c => c.PersonId == person.Id)
            .OrderByDescending(c => c.IssuedAt).Take(20)
            .Select(c => new IssuedCodeView(c.Serial, c.Colour, c.IssuedAt, c.ExpiresAt, c.Channel, c.IssuedBy, c.RevokedAt, c.RevokedReason))
            .ToListAsync(ct);
        return new PersonHealthStatus(people.Mask(person), view, codes);
    }

    public async Task<IssuedToken?> IssueForStaffAsync(Guid personId, CancellationToken ct)
    {
        var person = await people.FindAsync(personId, ct, "health-code.issue");
        if (person is null) return null;
        return await IssueAsync(person, "staff", user.Actor, ct);
    }

    // Used by the staff endpoint and the integration endpoint alike; the caller has already decided the
    // person may be issued for.
    public async Task<IssuedToken> IssueAsync(Person person, string channel, AuditActor actor, CancellationToken ct)
    {
        var view = await status.EvaluateAsync(person.Id, ct);
        var (key, signer) = await keys.ForSigningAsync(ct);
        using (signer)
        {
            var now = clock.GetUtcNow();
            // Whole seconds: the token carries Unix seconds, and the stored row must say the same times.
            now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
            var serial = Base64Url.Encode(RandomNumberGenerator.GetBytes(12));
            var payload = new HealthCodePayload(key.Issuer, key.KeyId, serial, (CodeColour)(int)view.Colour, now, now + options.Value.TokenLifetime,
                Masking.Name(person.Name), SubjectBinding.Last4(person.IdNumber), SubjectBinding.Hash(person.IdNumber, serial));
            var token = HealthCodeToken.Sign(payload, signer);
            db.IssuedHealthCodes.Add(IssuedHealthCode.Record(payload, person.Id, person.DivisionCode, channel, actor.UserName ?? channel));
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(actor, new AuditEvent("health-code.issue", AuditOutcome.Success, "person", person.Id.ToString(),
                $"serial={serial}; colour={view.Colour}; key={key.KeyId}; channel={channel}"), ct);
            return new IssuedToken(token, serial, view.Colour, payload.IssuedAt.UtcDateTime, payload.ExpiresAt.UtcDateTime, view.Reasons);
        }
    }
}

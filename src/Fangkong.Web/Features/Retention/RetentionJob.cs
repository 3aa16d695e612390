using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Fangkong.Web.Features.Investigation;
using Fangkong.Web.Features.People;
using Fangkong.Web.Features.Screening;
using Fangkong.Web.Features.Community.Requests;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Features.Retention;

public sealed record RetentionKindResult(string Kind, int Days, int Rows, string? Detail = null);

public sealed record RetentionResult(DateTime RanAt, IReadOnlyList<RetentionKindResult> Kinds);

// Anonymises personal data whose purpose has ended (SECURITY.md, draft GB/T 41479): identifying
// fields are replaced, rows and therefore every count and report stay, audit rows are never touched.
// Each kind is one audit entry with its row count. Runs with system scope only (the daily service,
// the CLI): it is a system job over every district, not something a user's request may start.
public sealed class RetentionJob(FangkongDb db, AuditLog audit, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger)
{
    public const string Anonymised = Person.AnonymisedName;
    private const int Batch = 500;

    public async Task<RetentionResult> RunAsync(Platform.Audit.AuditActor actor, CancellationToken ct)
    {
        if (!db.Jurisdiction.Everything)
            throw new InvalidOperationException("Retention runs with system scope only (daily service or CLI).");
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<RetentionKindResult>
        {
            await ContactsAsync(now.AddDays(-o.ContactDays), o.ContactDays, ct),
            await PeopleAsync(now, now.AddDays(-o.ContactDays), now.AddDays(-o.PatientDays), ct),
            await ScreeningMembersAsync(now.AddDays(-o.ScreeningDays), o.ScreeningDays, ct),
            await ResidentRequestsAsync(now.AddDays(-o.ResidentRequestDays), o.ResidentRequestDays, now, ct),
        };
        foreach (var r in results)
        {
            await audit.AppendAsync(actor, new AuditEvent("retention.anonymise", AuditOutcome.Success, "retention", r.Kind,
                $"rows={r.Rows}; window={r.Days}d{(r.Detail is null ? "" : "; " + r.Detail)}"), ct);
            logger.LogInformation("Retention {Kind}: {Rows} rows anonymised (window {Days} days).", r.Kind, r.Rows, r.Days);
        }
        return new RetentionResult(now, results);
    }

    // Contacts released, lost or turned positive before the cut: the free-text exposure and the
    // follow-ups' symptom notes. Status, dates and kind stay (the four-categories counts need them).
    private async Task<RetentionKindResult> ContactsAsync(DateTime cut, int days, CancellationToken ct)
    {
        var ended = db.Contacts.Where(c => c.EndedAt != null && c.EndedAt < cut);
        var contacts = await ended.Where(c => c.Exposure != Anonymised)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Exposure, Anonymised).SetProperty(c => c.Version, c => c.Version + 1), ct);
        var notes = await db.FollowUps.Where(f => f.SymptomNote != null && ended.Any(c => c.Id == f.ContactId))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.SymptomNote, (string?)null), ct);
        return new RetentionKindResult("contacts", days, contacts, $"follow-up notes={notes}");
    }

    // A person whose every purpose has ended: at least one contact or patient episode ended before its
    // cut, and nothing still running — no open contact or patient episode, no case (epidemiological
    // records are kept), no key-population entry, no pool control awaiting retest, no unexpired health code.
    private async Task<RetentionKindResult> PeopleAsync(DateTime now, DateTime contactCut, DateTime patientCut, CancellationToken ct)
    {
        var eligible = db.People.Where(p => p.Name != Anonymised
            && (db.Contacts.Any(c => c.PersonId == p.Id && c.EndedAt != null && c.EndedAt < contactCut)
                || db.Patients.Any(t => t.PersonId == p.Id && t.EndedAt != null && t.EndedAt < patientCut))
            && !db.Contacts.Any(c => c.PersonId == p.Id && (c.EndedAt == null || c.EndedAt >= contactCut))
            && !db.Patients.Any(t => t.PersonId == p.Id && (t.EndedAt == null || t.EndedAt >= patientCut))
            && !db.Cases.Any(c => c.PersonId == p.Id)
            && !db.KeyResidents.Any(k => k.PersonId == p.Id)
            && !db.PoolControls.Any(c => c.PersonId == p.Id && c.Status == ControlStatus.AwaitingRetest)
            && !db.IssuedHealthCodes.Any(h => h.PersonId == p.Id && h.ExpiresAt > now));
        var total = 0;
        while (true)
        {
            var batch = await eligible.OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var person in batch) person.Anonymise(PersonPlaceholder(), now);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
        return new RetentionKindResult("people", Math.Max(options.Value.ContactDays, options.Value.PatientDays), total,
            $"contact window={options.Value.ContactDays}d; patient window={options.Value.PatientDays}d");
    }

    // Members of rounds closed before the cut. ID numbers are part of the key and are counted distinct
    // per committee, so each distinct number of a round gets one round-local placeholder (in an order
    // unrelated to the numbers), in one transaction per round: completion stays exactly as it was.
    // Pool controls of the round get the same placeholder, so retest bookkeeping still matches.
    private async Task<RetentionKindResult> ScreeningMembersAsync(DateTime cut, int days, CancellationToken ct)
    {
        var rounds = await db.ScreeningRounds.AsNoTracking()
            .Where(r => r.Status == RoundStatus.Closed && r.ClosedAt != null && r.ClosedAt < cut
                && db.SamplingRecords.Any(s => s.RoundId == r.Id && s.Name != Anonymised))
            .Select(r => r.Id).ToListAsync(ct);
        var rows = 0;
        foreach (var roundId in rounds)
        {
            var numbers = await db.SamplingRecords.AsNoTracking().Where(s => s.RoundId == roundId && s.Name != Anonymised)
                .Select(s => s.IdNumber).Distinct().ToListAsync(ct);
            var done = await db.SamplingRecords.AsNoTracking().Where(s => s.RoundId == roundId && s.Name == Anonymised)
                .Select(s => s.IdNumber).Distinct().CountAsync(ct);
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(numbers));
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            await using var members = connection.CreateCommand();
            members.Transaction = tx.GetDbTransaction();
            members.CommandText = """UPDATE "SamplingRecords" SET "IdNumber" = @placeholder, "Name" = @name, "Phone" = NULL WHERE "RoundId" = @round AND "IdNumber" = @old""";
            await using var controls = connection.CreateCommand();
            controls.Transaction = tx.GetDbTransaction();
            controls.CommandText = """UPDATE "PoolControls" SET "IdNumber" = @placeholder WHERE "RoundId" = @round AND "IdNumber" = @old""";
            var (mPlaceholder, _, mOld) = (Add(members, "@placeholder", ""), Add(members, "@round", roundId), Add(members, "@old", ""));
            Add(members, "@name", Anonymised);
            var (cPlaceholder, _, cOld) = (Add(controls, "@placeholder", ""), Add(controls, "@round", roundId), Add(controls, "@old", ""));
            var serial = done;
            foreach (var number in numbers)
            {
                var placeholder = "ANONS" + (++serial).ToString("D13", CultureInfo.InvariantCulture);
                mPlaceholder.Value = cPlaceholder.Value = placeholder;
                mOld.Value = cOld.Value = number;
                rows += await members.ExecuteNonQueryAsync(ct);
                await controls.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        return new RetentionKindResult("screening-members", days, rows, $"rounds={rounds.Count}");
    }

    // Closed requests: the phone, building, room and the free-text description and delivery note.
    // Kind, urgency, committee and dates stay for the request statistics.
    private async Task<RetentionKindResult> ResidentRequestsAsync(DateTime cut, int days, DateTime now, CancellationToken ct)
    {
        var rows = await db.ResidentRequests
            .Where(r => r.Status == RequestStatus.Closed && r.ClosedAt != null && r.ClosedAt < cut && r.Building != Anonymised)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Phone, "")
                .SetProperty(r => r.Building, Anonymised)
                .SetProperty(r => r.Room, "")
                .SetProperty(r => r.Description, Anonymised)
                .SetProperty(r => r.DeliveryNote, (string?)null)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1), ct);
        return new RetentionKindResult("resident-requests", days, rows);
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
        return p;
    }

    // Random, so it says nothing about the number it replaces; 13 hex digits after "ANONP" fill the
    // 18 characters and are unique in practice (the unique index would refuse a collision, and the
    // next run would try again with new placeholders).
    private static string PersonPlaceholder() => "ANONP" + Convert.ToHexString(RandomNumberGenerator.GetBytes(7))[..13];
}

using Fangkong.Core.Privacy;
using Fangkong.Web.Platform.Access;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Fangkong.Web.Features.HealthStatus;

public sealed record IntegrationClientView(Guid Id, string Name, string Scope, string CreatedBy, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record CreatedIntegrationClient(IntegrationClientView Client, string Token);

public sealed record IntegrationIssueRequest(string? IdNumber);

// Integration clients for the resident app's backend: created and revoked by the security
// administrator, they authenticate with "Authorization: FK-Integration <token>" on one endpoint only.
public sealed class IntegrationClients(FangkongDb db, DbContextOptions<FangkongDb> dbOptions, CurrentUser user, AuditLog audit, TimeProvider clock, HealthCodeDesk desk)
{
    public const string Scheme = "FK-Integration";

    public async Task<IReadOnlyList<IntegrationClientView>> ListAsync(CancellationToken ct) =>
        (await db.HealthIntegrationClients.AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(ct)).Select(View).ToList();

    public async Task<WriteOutcome<CreatedIntegrationClient>> CreateAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            return new WriteOutcome<CreatedIntegrationClient>.Invalid(new FieldErrors().Add("name", "名称必填，最多 100 字 / a name of at most 100 characters is required"));
        var (client, token) = IntegrationClient.Create(name.Trim(), user.UserName!, clock.GetUtcNow().UtcDateTime);
        db.HealthIntegrationClients.Add(client);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("health-code.client-create", AuditOutcome.Success, "integration-client", client.Id.ToString(),
            $"name={client.Name}; scope={client.Scope}"), ct);
        return new WriteOutcome<CreatedIntegrationClient>.Done(new CreatedIntegrationClient(View(client), token));
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        var client = await db.HealthIntegrationClients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null) return false;
        client.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(user.Actor, new AuditEvent("health-code.client-revoke", AuditOutcome.Success, "integration-client", id.ToString()), ct);
        return true;
    }

    public async Task<IntegrationClient?> AuthenticateAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith(Scheme + " ", StringComparison.Ordinal)) return null;
        var token = authorization[(Scheme.Length + 1)..].Trim();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Guid.TryParseExact(token[..dot], "N", out var id)) return null;
        var client = await db.HealthIntegrationClients.FirstOrDefaultAsync(c => c.Id == id, ct);
        return client is not null && client.Accepts(token[(dot + 1)..]) ? client : null;
    }

    // The resident app knows its signed-in resident by ID number; the person must already be registered.
    // Reads with the system's view (the client has no jurisdiction), but only this one lookup.
    public async Task<IResult> IssueAsync(IntegrationClient client, IntegrationIssueRequest request, string? address, CancellationToken ct)
    {
        var actor = new AuditActor($"integration:{client.Name}", "Integration", address);
        var id = request.IdNumber?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(id) || id.Length != 18 || !id[..17].All(char.IsAsciiDigit) || ResidentIdNumber.CheckDigit(id.AsSpan(0, 17)) != id[17])
            return new FieldErrors().Add("idNumber", "身份证号码无效 / not a valid resident ID number").ToProblem();
        // system scope: the client has no jurisdiction; this one lookup by the resident's own ID number, read-only, in a context
        // of its own (not switching the scope filter off on the request's). The client learns only the colour of the resident it signed in.
        People.Person? person;
        await using (var system = new FangkongDb(dbOptions, JurisdictionContext.ForSystem()))
            person = await system.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == id, ct);
        if (person is null)
        {
            await audit.AppendAsync(actor, new AuditEvent("health-code.issue", AuditOutcome.Failure, "person", Masking.IdNumber(id), "not registered"), ct);
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "未找到 / Not found");
        }
        client.Used(clock.GetUtcNow().UtcDateTime);
        var issued = await desk.IssueAsync(person, "integration", actor, ct);
        return Results.Ok(HealthStatusApi.IssuedBody(issued));
    }

    private static IntegrationClientView View(IntegrationClient c) => new(c.Id, c.Name, c.Scope, c.CreatedBy, c.CreatedAt, c.LastUsedAt, c.RevokedAt);
}

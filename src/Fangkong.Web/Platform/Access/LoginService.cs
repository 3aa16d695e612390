using System.Security.Claims;
using Fangkong.Web.Platform.Api;
using Fangkong.Web.Platform.Audit;
using Fangkong.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fangkong.Web.Platform.Access;

public enum LoginOutcome { Succeeded, Refused }

public sealed record LoginResult(LoginOutcome Outcome, ClaimsPrincipal? Principal = null)
{
    public bool Succeeded => Outcome == LoginOutcome.Succeeded;
}

// One login path for the web form and the token endpoint. The answer to a refused login is the same
// whether the account is unknown, locked, disabled or the password wrong, so it never tells whether
// a user exists; the audit trail records the real reason.
public sealed class LoginService(
    FangkongDb db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    TimeProvider clock,
    AuditLog audit,
    IOptions<PlatformOptions> options,
    Live.LiveConnections live)
{
    // Verified against when the user does not exist, so unknown names take as long as known ones.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public async Task<LoginResult> AttemptAsync(string? userName, string? password, string? address, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        var actor = new AuditActor(userName?.Trim(), null, address);

        // The password hash is verified on every path — unknown, locked, disabled or not — before any
        // decision, so the time an answer takes does not tell one refusal from another.
        var (secret, activationCode) = OneTimePasswords.Split(user, password ?? "");
        var verdict = hasher.VerifyHashedPassword(user ?? new AppUser(), user?.PasswordHash ?? DummyHash.Value, secret);
        if (user is null)
            return await Refuse(actor, "unknown user", cancellationToken);
        if (user.PasswordHash is null) verdict = PasswordVerificationResult.Failed;
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        actor = actor with { Role = role };
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
            return await Refuse(actor, "account locked", cancellationToken);
        if (!user.IsEnabled)
            return await Refuse(actor, "account disabled", cancellationToken);
        if (o.IsProduction && user.IsDemo)
            return await Refuse(actor, "demo account refused in production mode", cancellationToken);

        if (verdict == PasswordVerificationResult.Failed)
        {
            await CountFailure(user, now.UtcDateTime, actor, cancellationToken);
            return await Refuse(actor, "wrong password", cancellationToken);
        }
        if (user.MustChangePassword && user.ActivationCodeHash is null)
            return await Refuse(actor, "new account not yet activated: no role granted by the security administrator", cancellationToken);
        if (user.MustChangePassword && !OneTimePasswords.Matches(user.ActivationCodeHash, activationCode))
        {
            await CountFailure(user, now.UtcDateTime, actor, cancellationToken);
            return await Refuse(actor, "wrong activation code", cancellationToken);
        }
        if (o.IsProduction && password == DemoAccounts.Password)
            return await Refuse(actor, "default password refused in production mode", cancellationToken);

        user.AccessFailedCount = 0;
        user.FirstFailedLoginAt = null;
        user.LockoutEnd = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.PasswordHash = hasher.HashPassword(user, secret);
        await db.SaveChangesAsync(cancellationToken);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AccessMiddleware.SignedInAtClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await audit.AppendAsync(actor, new AuditEvent("login", AuditOutcome.Success, "user", user.Id,
            user.MustChangePassword ? "one-time password: may only change it" : null), cancellationToken);
        return new LoginResult(LoginOutcome.Succeeded, principal);
    }

    // The owner replaces a one-time password (or any user their own). The current password is checked as
    // at sign-in (a one-time password includes its activation code); the new one must pass the policy and
    // differ from it. Every session of the account ends: the owner signs in again with the new password.
    public async Task<WriteOutcome<string>> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, AuditActor actor, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return new WriteOutcome<string>.NotFound();
        var errors = new FieldErrors();
        var (secret, code) = OneTimePasswords.Split(user, currentPassword ?? "");
        var verdict = user.PasswordHash is null ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(user, user.PasswordHash, secret);
        if (verdict == PasswordVerificationResult.Failed || (user.MustChangePassword && !OneTimePasswords.Matches(user.ActivationCodeHash, code)))
        {
            await audit.AppendAsync(actor, new AuditEvent("user.password.change", AuditOutcome.Failure, "user", user.Id, "wrong current password"), ct);
            return new WriteOutcome<string>.Invalid(errors.Add("currentPassword", "当前密码不正确 / the current password is wrong"));
        }
        if (string.IsNullOrEmpty(newPassword) || newPassword == currentPassword || newPassword == secret)
            return new WriteOutcome<string>.Invalid(errors.Add("newPassword", "请设置一个新的密码 / choose a new password, not the current one"));
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, newPassword);
            foreach (var e in result.Errors) errors.Add("newPassword", e.Description);
        }
        if (errors.Any) return new WriteOutcome<string>.Invalid(errors);
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        var wasOneTime = user.MustChangePassword;
        user.MustChangePassword = false;
        user.ActivationCodeHash = null;
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(actor, new AuditEvent("user.password.change", AuditOutcome.Success, "user", user.Id,
            wasOneTime ? "one-time password replaced by the owner" : null), ct);
        return new WriteOutcome<string>.Done(user.Id);
    }

    // Five failures within the window lock the account for the lockout duration.
    private async Task CountFailure(AppUser user, DateTime now, AuditActor actor, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (user.FirstFailedLoginAt is null || now - user.FirstFailedLoginAt.Value > o.LockoutWindow)
        {
            user.FirstFailedLoginAt = now;
            user.AccessFailedCount = 0;
        }
        user.AccessFailedCount++;
        var locks = user.AccessFailedCount >= o.LockoutFailures;
        if (locks)
        {
            user.LockoutEnd = new DateTimeOffset(now.Add(o.LockoutDuration), TimeSpan.Zero);
            user.AccessFailedCount = 0;
            user.FirstFailedLoginAt = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (locks)
            await audit.AppendAsync(actor, new AuditEvent("account.lock", AuditOutcome.Success, "user", user.Id,
                $"{o.LockoutFailures} failed logins within {o.LockoutWindow.TotalMinutes:0} minutes"), cancellationToken);
    }

    private async Task<LoginResult> Refuse(AuditActor actor, string reason, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(actor, new AuditEvent("login", AuditOutcome.Failure, "user", null, reason), cancellationToken);
        return new LoginResult(LoginOutcome.Refused);
    }

    // Logout ends every session of the account server-side: the stamp in each cookie and token no longer matches.
    public async Task SignOutEverywhereAsync(string userId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return;
        await users.UpdateSecurityStampAsync(user);
        live.CloseUser(userId);
        await audit.AppendAsync(actor, new AuditEvent("logout", AuditOutcome.Success, "user", userId), cancellationToken);
    }
}

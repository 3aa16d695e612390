using Fangkong.Web.Platform.Audit;

namespace Fangkong.Web.Platform.Access;

// The caller of this request as the database says now — not as a cookie or token said when it was
// issued — so a disabled account, a changed role or a moved jurisdiction applies on the next request.
public sealed class CurrentUser(JurisdictionContext jurisdiction)
{
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? DisplayName { get; private set; }
    public string? Role { get; private set; }
    public string? Address { get; private set; }
    public bool IsDemo { get; private set; }
    // Set when this request runs under a break-glass grant (its jurisdiction is then the grant's division).
    public Guid? BreakGlassGrantId { get; private set; }
    // Signed in with a one-time password: no role, no scope, nothing but changing the password.
    public bool MustChangePassword { get; private set; }

    public bool IsAuthenticated => UserId is not null;
    public Jurisdiction Jurisdiction => jurisdiction.Current;
    public AuditActor Actor => new(UserName, Role, Address);

    public bool Has(Permission permission) => IsAuthenticated && RolePermissions.Has(Role, permission);

    public void SetAnonymous(string? address)
    {
        UserId = UserName = DisplayName = Role = null;
        MustChangePassword = false;
        Address = address;
        BreakGlassGrantId = null;
        jurisdiction.Current = Jurisdiction.Nothing;
    }

    public void Set(AppUser user, string? role, string? address)
    {
        UserId = user.Id;
        UserName = user.UserName;
        DisplayName = user.DisplayName;
        Role = role;
        Address = address;
        IsDemo = user.IsDemo;
        BreakGlassGrantId = null;
        MustChangePassword = user.MustChangePassword;
        if (MustChangePassword)
        {
            Role = null;
            jurisdiction.Current = Jurisdiction.Nothing;
            return;
        }
        jurisdiction.Current = ScopeOf(user, role);
    }

    // For this request only: the granted division, read-only (BreakGlass refuses writes before this).
    public void UseBreakGlass(BreakGlassGrant grant)
    {
        BreakGlassGrantId = grant.Id;
        jurisdiction.Current = Jurisdiction.ForDivision(grant.DivisionCode);
    }

    public static Jurisdiction ScopeOf(AppUser user, string? role)
    {
        // Administrators and auditors see no records through the scope filter: their duties are on
        // accounts, configuration and the audit trail, not on residents or facilities.
        if (role is Roles.Auditor or Roles.SecurityAdmin) return Jurisdiction.Nothing;
        if (user.ScopeFacilityId is { } facilityId) return Jurisdiction.ForFacility(facilityId);
        if (!string.IsNullOrEmpty(user.ScopeDivisionCode)) return Jurisdiction.ForDivision(user.ScopeDivisionCode);
        return Jurisdiction.Nothing;
    }
}

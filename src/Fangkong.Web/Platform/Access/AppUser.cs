using Microsoft.AspNetCore.Identity;

namespace Fangkong.Web.Platform.Access;

// A platform account. Its jurisdiction is a division code (city, district, street or committee) or a
// single facility; it is read from the database on every request, so a change applies at once.
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string? ScopeDivisionCode { get; set; }
    public Guid? ScopeFacilityId { get; set; }
    public bool IsEnabled { get; set; } = true;
    // Demo accounts are seeded with a published password; production mode refuses them.
    public bool IsDemo { get; set; }
    public DateTime? FirstFailedLoginAt { get; set; }
    public DateTime CreatedAt { get; set; }
    // Set when an administrator chose the password (a new account, a reset): until the owner replaces it,
    // the account can do nothing but change its password, so whoever chose it cannot use the account quietly.
    public bool MustChangePassword { get; set; }
    // SHA-256 of the activation code the security administrator received when granting the role of a
    // new account (OneTimePasswords); null once the owner has set their own password.
    public string? ActivationCodeHash { get; set; }
}

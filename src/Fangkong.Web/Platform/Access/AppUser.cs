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
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fangkong.Web.Features.HealthStatus;

// The checkpoint page: anonymous (a checkpoint phone has no account), and everything it does happens in
// the browser against the synced bundle, so the server learns nothing about who was checked.
[AllowAnonymous]
public sealed class VerifyModel : PageModel
{
    public static readonly string[] Outcomes =
        ["Valid", "Malformed", "UnknownIssuer", "UnknownKey", "KeyRetired", "BadSignature", "NotYetValid", "Expired", "Revoked"];

    public void OnGet()
    {
    }
}

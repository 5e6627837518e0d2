using Microsoft.AspNetCore.Identity;

namespace ClinicBooking.Web.Data;

public class ApplicationUser : IdentityUser
{
    /// <summary>The name the clinic greets the person by; personal data, never logged.</summary>
    [PersonalData]
    public string FullName { get; set; } = "";

    /// <summary>
    /// Set when an admin deactivates the person's staff account: they cannot sign in (treated as locked out, and a
    /// password reset does not lift it) and every session ended when it was set. Null: active.
    /// </summary>
    public DateTime? DeactivatedUtc { get; set; }
}

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

    /// <summary>
    /// The language the person reads the clinic in ("en" or "es"): set when they sign up and whenever they use the
    /// footer's switch, and used for every email sent to them later.
    /// </summary>
    [System.ComponentModel.DataAnnotations.MaxLength(8)]
    public string PreferredLanguage { get; set; } = "en";

    /// <summary>When staff last lifted the no-show block: no-shows before it no longer count (Clinic:NoShowLimit).</summary>
    public DateTime? NoShowsLiftedUtc { get; set; }
}

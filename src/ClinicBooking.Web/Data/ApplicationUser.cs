using Microsoft.AspNetCore.Identity;

namespace ClinicBooking.Web.Data;

public class ApplicationUser : IdentityUser
{
    /// <summary>The name the clinic greets the person by; personal data, never logged.</summary>
    [PersonalData]
    public string FullName { get; set; } = "";
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page, which looks the address up (and so tells whether it has an account) and shows a
/// confirmation link when no email sender is configured. This one only says what to do next.
/// </summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}

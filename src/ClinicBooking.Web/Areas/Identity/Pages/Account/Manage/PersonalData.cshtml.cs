using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's "Your data" page (download or delete), whose words are compiled in English only: this
/// copy's are in the reader's language. The download and the deletion are our own pages already.
/// </summary>
[Authorize]
public sealed class ClinicPersonalDataModel(UserManager<ApplicationUser> users) : PageModel
{
    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is null ? NotFound() : Page();
}

using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's Logout page. Deleting the cookie in this browser is not enough for health data: a copy of
/// it (another device, a stolen cookie) would stay valid until it expires. Changing the security stamp makes every
/// cookie issued before this moment fail the stamp check (at most SecurityStampValidatorOptions.ValidationInterval,
/// five minutes, later). Identity UI already requires a signed-in user for this page by convention.
/// </summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signInManager, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        if (await signInManager.UserManager.GetUserAsync(User) is { } user)
        {
            await signInManager.UserManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        logger.LogInformation("A user signed out.");
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

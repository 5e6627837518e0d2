using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's two-step sign-in overview (the same states and links), whose words are compiled in English
/// only: this copy's are in the reader's language. Setting up, resetting and turning it off stay Identity's pages.
/// </summary>
[Authorize]
public sealed class ClinicTwoFactorAuthenticationModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    public const string Forgotten =
        "The current browser has been forgotten. When you login again from this browser you will be prompted for your 2fa code.";

    public bool HasAuthenticator { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool Is2faEnabled { get; private set; }
    public bool IsMachineRemembered { get; private set; }

    /// <summary>In English: the status line translates it when shown (_StatusMessage).</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        HasAuthenticator = await users.GetAuthenticatorKeyAsync(user) is not null;
        Is2faEnabled = await users.GetTwoFactorEnabledAsync(user);
        IsMachineRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is null)
        {
            return NotFound();
        }

        await signIn.ForgetTwoFactorClientAsync();
        StatusMessage = Forgotten;
        return RedirectToPage();
    }
}

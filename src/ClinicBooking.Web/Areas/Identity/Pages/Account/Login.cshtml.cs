using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's Login page: it counts failed passwords towards lockout (the stock page does not)
/// and tells an unconfirmed or locked-out person what to do next.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<ApplicationUser> signInManager, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    /// <summary>Set when the address is not confirmed yet, to offer "send the email again".</summary>
    public bool ShowResendConfirmation { get; private set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        if (!string.IsNullOrEmpty(ErrorMessage))
        {
            ModelState.AddModelError(string.Empty, ErrorMessage);
        }

        // A fresh sign-in starts from a clean slate (no half-finished external sign-in).
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = LocalOrHome(returnUrl);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(
            Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("A user signed in.");
            return LocalRedirect(ReturnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("A sign-in was refused because the account is locked out.");
            ModelState.AddModelError(string.Empty,
                "For your security, this account is locked for 15 minutes after 5 wrong passwords. " +
                "Please try again later, or reset your password.");
        }
        else if (result.IsNotAllowed)
        {
            ShowResendConfirmation = true;
            ModelState.AddModelError(string.Empty,
                "Please confirm your email address first: open the link in the email we sent you.");
        }
        else
        {
            ModelState.AddModelError(string.Empty, "That email and password do not match. Check them and try again.");
        }

        return Page();
    }

    private string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [StringLength(254, ErrorMessage = "An email address is at most 254 characters.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}

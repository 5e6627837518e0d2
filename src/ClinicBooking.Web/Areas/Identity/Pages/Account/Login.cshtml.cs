using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's Login page: it counts failed passwords towards lockout (the stock page does not). Every
/// failure gives the same words after the same work (one password hash and one durable write), whether the address
/// is unknown, the password wrong, the address unconfirmed or the account locked: the page must not tell who is a
/// patient here.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<ApplicationUser> signInManager, EqualTiming timing, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    /// <summary>The one message for every failed sign-in (see the class summary).</summary>
    public const string Failed =
        "We could not sign you in with that email and password. Check them and try again. New here? Open the link in " +
        "the email we sent you first. After 5 wrong tries, signing in pauses for 15 minutes; you can also reset your password.";

    /// <summary>Offered after any failed sign-in ("send the confirmation email again"), never only to unconfirmed accounts.</summary>
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

        var user = await signInManager.UserManager.FindByEmailAsync(Input.Email.Trim());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else if (!await signInManager.CanSignInAsync(user) || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            // Identity refuses an unconfirmed or locked account before checking the password (and writes nothing).
            result = await signInManager.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
            user = null;
        }
        else
        {
            // A wrong password costs one hash and one write (the failed-attempt count towards lockout).
            result = await signInManager.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        }

        if (user is null)
        {
            // Every other failure does the same work: one password hash and one comparable durable write.
            timing.CheckPasswordOfNobody(Input.Password);
            await timing.WriteForNobodyAsync();
        }

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
        }

        ShowResendConfirmation = true;
        ModelState.AddModelError(string.Empty, AccountText.Get(Failed));
        return Page();
    }

    private string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && returnUrl != "/" ? returnUrl : "/home";
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

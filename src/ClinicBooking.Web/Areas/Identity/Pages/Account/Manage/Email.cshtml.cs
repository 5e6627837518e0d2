using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's change-email page (the same fields, steps and emails), whose words are compiled in English
/// only: this copy's are in the reader's language, and so are its emails (IdentityEmailSender stores them in the
/// language of this request).
/// </summary>
[Authorize]
public sealed class ClinicEmailModel(UserManager<ApplicationUser> users, IEmailSender<ApplicationUser> emails) : PageModel
{
    public const string ChangeSent = "Confirmation link to change email sent. Please check your email.";
    public const string Unchanged = "Your email is unchanged.";
    public const string VerificationSent = "Verification email sent. Please check your email.";

    [Display(Name = "Email")]
    public string? Email { get; private set; }

    public bool IsEmailConfirmed { get; private set; }

    /// <summary>In English: the status line translates it when shown (_StatusMessage).</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "The {0} field is required.")]
        [EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address.")]
        [Display(Name = "New email")]
        public string NewEmail { get; set; } = "";
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        Email = await users.GetEmailAsync(user);
        Input = new InputModel { NewEmail = Email ?? "" };
        IsEmailConfirmed = await users.IsEmailConfirmedAsync(user);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        if (Input.NewEmail == await users.GetEmailAsync(user))
        {
            StatusMessage = Unchanged;
            return RedirectToPage();
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateChangeEmailTokenAsync(user, Input.NewEmail)));
        var callbackUrl = Url.Page("/Account/ConfirmEmailChange", pageHandler: null,
            values: new { area = "Identity", userId = await users.GetUserIdAsync(user), email = Input.NewEmail, code }, protocol: Request.Scheme)!;
        await emails.SendConfirmationLinkAsync(user, Input.NewEmail, HtmlEncoder.Default.Encode(callbackUrl));
        StatusMessage = ChangeSent;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendVerificationEmailAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var callbackUrl = Url.Page("/Account/ConfirmEmail", pageHandler: null,
            values: new { area = "Identity", userId = await users.GetUserIdAsync(user), code }, protocol: Request.Scheme)!;
        await emails.SendConfirmationLinkAsync(user, (await users.GetEmailAsync(user))!, HtmlEncoder.Default.Encode(callbackUrl));
        StatusMessage = VerificationSent;
        return RedirectToPage();
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Infrastructure;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's Register page: asks for the person's name, limits lengths, makes the account a
/// Patient, and sends the confirmation email. Signing in waits until the address is confirmed. A new address and a
/// taken one look the same and cost the same: one password hash and one durable write each.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(
    UserManager<ApplicationUser> userManager,
    ClinicDbContext db,
    Outbox outbox,
    EqualTiming timing,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl = null) => ReturnUrl = LocalOrHome(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = new ApplicationUser { UserName = email, Email = email, FullName = Input.FullName.Trim(), PreferredLanguage = Languages.Current };
        if (await userManager.FindByEmailAsync(email) is { } owner)
        {
            // Saying "this address has an account" would tell anyone who is a patient of this clinic. The
            // owner gets an email instead, and the page looks the same as for a new address, after the same work.
            timing.HashForNobody(Input.Password);
            // Queued through the same write transaction (and its in-process gate) as a new account's commit.
            await db.InWriteTransactionAsync(async () =>
            {
                // In the owner's language; the page answers in the visitor's, the same as for a new address.
                var resetUrl = HtmlEncoder.Default.Encode(Url.Page("/Account/ForgotPassword", null, new { area = "Identity" }, Request.Scheme)!);
                var (subject, body) = EmailText.In(owner.PreferredLanguage, () => (
                    EmailText.Get("Someone tried to create an account with your address"),
                    EmailText.Get("Someone, perhaps you, tried to create a new account with this email address, but you already " +
                                  "have one. <a href='{0}'>Reset your password</a> if you have forgotten it.", resetUrl)));
                outbox.QueueStored(OutboxKind.Account, email, subject, body);
                return await db.SaveChangesAsync();
            });
            outbox.Kick();
            return RedirectToPage("RegisterConfirmation", new { returnUrl = ReturnUrl });
        }

        // The password is checked and hashed before the write lock is taken (a hash takes tens of milliseconds).
        var errors = new List<IdentityError>();
        foreach (var validator in userManager.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(userManager, user, Input.Password)).Errors);
        }

        if (errors.Count == 0)
        {
            user.PasswordHash = userManager.PasswordHasher.HashPassword(user, Input.Password);
            // The account, its role and its confirmation email commit together: one durable write, as a taken address
            // makes one (its "you already have an account" email), and never an account without its role or email.
            var created = await db.InWriteTransactionAsync(async () =>
            {
                var result = await userManager.CreateAsync(user);
                if (result.Succeeded)
                {
                    result = await userManager.AddToRoleAsync(user, Roles.Patient);
                }

                if (result.Succeeded)
                {
                    var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
                        await userManager.GenerateEmailConfirmationTokenAsync(user)));
                    var callbackUrl = Url.Page("/Account/ConfirmEmail", pageHandler: null,
                        values: new { area = "Identity", userId = user.Id, code, returnUrl = ReturnUrl }, protocol: Request.Scheme)!;
                    // In the language of this sign-up, which is also the new account's.
                    outbox.QueueStored(OutboxKind.Account, email, EmailText.Get(OutboxMessage.ConfirmSubject),
                        EmailText.Get("Welcome. Please confirm your email address <a href='{0}'>with the button below</a> so you " +
                                      "can sign in and book.", HtmlEncoder.Default.Encode(callbackUrl)));
                    await db.SaveChangesAsync();
                }

                return result;
            }, result => result.Succeeded);
            errors.AddRange(created.Errors);
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : "Input.Email", AccountText.Describe(error));
            }

            return Page();
        }

        outbox.Kick();
        logger.LogInformation("A patient account was created.");
        return RedirectToPage("RegisterConfirmation", new { returnUrl = ReturnUrl });
    }

    private string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
}

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(100, ErrorMessage = "Your name can be at most 100 characters.")]
    [RegularExpression(@"^[^\p{C}<>]*$", ErrorMessage = "Your name cannot contain line breaks, control characters or < >.")]
    [Display(Name = "Your name")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address.")]
    [StringLength(254, ErrorMessage = "An email address is at most 254 characters.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Choose a password of at least 10 characters (at most 200).")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password again")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";
}

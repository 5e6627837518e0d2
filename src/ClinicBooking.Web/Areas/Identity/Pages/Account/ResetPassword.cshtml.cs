using System.ComponentModel.DataAnnotations;
using System.Text;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's ResetPassword page, which new staff reach from their "set your password" email and
/// patients from "forgot your password": it states the real rule (10 characters, not Identity UI's 6) in plain words.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> userManager) : PageModel
{
    public const string ExpiredLink =
        "This link has expired or was already used, or it was sent to another address. Choose \"Forgot your password?\" on the sign-in page for a new one.";

    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public IActionResult OnGet(string? code = null)
    {
        if (code is null)
        {
            return BadRequest();
        }

        // A mangled code throws FormatException, which BadInputMiddleware turns into a friendly 400.
        Input = new ResetPasswordInput { Code = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // An unknown address gets the same answer as a known one with a wrong code: the page must not reveal who
        // has an account. (A real code exists only for a real address, so a person with one never lands here.)
        if (await userManager.FindByEmailAsync(Input.Email) is not { } user)
        {
            ModelState.AddModelError(string.Empty, AccountText.Get(ExpiredLink));
            return Page();
        }

        var result = await userManager.ResetPasswordAsync(user, Input.Code, Input.Password);
        if (result.Succeeded)
        {
            return RedirectToPage("./ResetPasswordConfirmation");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : "Input.Password",
                error.Code == "InvalidToken" ? AccountText.Get(ExpiredLink) : AccountText.Describe(error));
        }

        return Page();
    }
}

public sealed class ResetPasswordInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [StringLength(254, ErrorMessage = "An email address is at most 254 characters.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Choose a password of at least 10 characters (at most 200).")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    // What the implicit [Required] of a non-nullable string says, written out so that it can be translated.
    [Required(ErrorMessage = "The {0} field is required.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";

    [Required(ErrorMessage = "This link is incomplete. Please open the link from your email again.")]
    [StringLength(2000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
    public string Code { get; set; } = "";
}
